# The service's image (see docker-compose.yml). Neo4j runs in its own container.
FROM python:3.11-slim

WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph_service ./graph_service
COPY ingest ./ingest
COPY maps ./maps
COPY cypher ./cypher
# Editable, so the named statements in /app/cypher are found beside the package.
RUN pip install --no-cache-dir -e . \
 && useradd --system --uid 10001 --home-dir /var/lib/graph-service graph-service \
 && mkdir -p /var/lib/graph-service && chown graph-service /var/lib/graph-service

USER graph-service
ENV GRAPH_SERVICE_HOME=/var/lib/graph-service
EXPOSE 8000
CMD ["sh", "-c", "graph-service db init && exec graph-service serve --host 0.0.0.0 --port 8000"]
