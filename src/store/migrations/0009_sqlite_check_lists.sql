-- sqlite only
-- SQLite tests CHECK (x IN ('a', 'b', 'c', ...)), a list of more than two constants, by building
-- a temporary B-tree of the list for every row it writes: four per webhook delivery in the
-- ingest's writer thread. The same constraints as OR chains cost a few comparisons. They accept
-- exactly the rows the old ones did, so the table definitions are edited in place as SQLite
-- documents for changing CHECK constraints (lang_altertable.html, "Making Other Kinds Of Table
-- Schema Changes"): no row is copied or checked again, and the schema cookie moves so that
-- every open connection reads the new text. PostgreSQL keeps its IN lists (no such cost there).
-- Write new CHECK lists as OR chains.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql,
                  'CHECK (status IN (''draft'', ''scheduled'', ''confirmed'', ''completed'', ''cancelled''))',
                  'CHECK (status = ''draft'' OR status = ''scheduled'' OR status = ''confirmed'' OR '
                  || 'status = ''completed'' OR status = ''cancelled'')')
WHERE type = 'table' AND name = 'interviews';
UPDATE sqlite_schema
SET sql = replace(sql,
                  'CHECK (status IN (''pending'', ''sending'', ''sent'', ''dead'', ''held''))',
                  'CHECK (status = ''pending'' OR status = ''sending'' OR status = ''sent'' OR '
                  || 'status = ''dead'' OR status = ''held'')')
WHERE type = 'table' AND name = 'email_outbox';
UPDATE sqlite_schema
SET sql = replace(sql,
                  'CHECK (outcome IN (''applied'', ''duplicate'', ''ignored'', ''unmatched'', ''stale'', ''rejected''))',
                  'CHECK (outcome = ''applied'' OR outcome = ''duplicate'' OR outcome = ''ignored'' OR '
                  || 'outcome = ''unmatched'' OR outcome = ''stale'' OR outcome = ''rejected'')')
WHERE type = 'table' AND name = 'webhook_deliveries';
PRAGMA schema_version = @NEXT_SCHEMA_VERSION@;
PRAGMA writable_schema = OFF;
