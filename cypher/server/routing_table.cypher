// The routing table the server hands a neo4j:// client for one database: which addresses
// take reads, writes and routing requests. A cluster lists its followers as readers; a
// single server lists itself in every role.
CALL dbms.routing.getRoutingTable({}, $database) YIELD servers
UNWIND servers AS server
RETURN server.role AS role, server.addresses AS addresses
