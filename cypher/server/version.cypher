// The server's own reported version and edition.
CALL dbms.components() YIELD name, versions, edition
RETURN versions[0] AS version, edition
