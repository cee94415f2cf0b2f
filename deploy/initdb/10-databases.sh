#!/bin/sh
# One role per service, each with only what it needs (runs once, on an empty volume).
#   tracker   : owns the tracker store (database rasa); Rasa creates its table.
#   kb_owner  : owns the knowledge base; only the one-shot kb-build uses it.
#   kb_reader : reads the knowledge base (actions, web).
#   console   : owns the console database; reads and deletes tracker rows (erasure,
#               retention), never writes conversations.
# Passwords use scram-sha-256 (POSTGRES_INITDB_ARGS / POSTGRES_HOST_AUTH_METHOD).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname rasa <<SQL
SET password_encryption = 'scram-sha-256';
CREATE ROLE tracker LOGIN PASSWORD '${PG_TRACKER_PASSWORD}';
CREATE ROLE kb_owner LOGIN PASSWORD '${PG_KB_OWNER_PASSWORD}';
CREATE ROLE kb_reader LOGIN PASSWORD '${PG_KB_READER_PASSWORD}';
CREATE ROLE console LOGIN PASSWORD '${PG_CONSOLE_PASSWORD}';
ALTER DATABASE rasa OWNER TO tracker;
CREATE DATABASE knowledge OWNER kb_owner;
CREATE DATABASE console OWNER console;
REVOKE ALL ON DATABASE rasa, knowledge, console FROM PUBLIC;
GRANT CONNECT ON DATABASE rasa TO tracker, console;
GRANT CONNECT ON DATABASE knowledge TO kb_owner, kb_reader;
GRANT CONNECT ON DATABASE console TO console;
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname rasa <<SQL
ALTER SCHEMA public OWNER TO tracker;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO console;
ALTER DEFAULT PRIVILEGES FOR ROLE tracker IN SCHEMA public
  GRANT SELECT, DELETE ON TABLES TO console;
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname knowledge <<SQL
ALTER SCHEMA public OWNER TO kb_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO kb_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE kb_owner IN SCHEMA public GRANT SELECT ON TABLES TO kb_reader;
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname console <<SQL
ALTER SCHEMA public OWNER TO console;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
