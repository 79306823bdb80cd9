-- A saved use-case check is a watch of its own kind (kept in step with ../sqlite/V10__use_watches.sql).
ALTER TABLE watches DROP CONSTRAINT watches_kind_check;
ALTER TABLE watches ADD CONSTRAINT watches_kind_check CHECK (kind IN ('PLATFORM', 'DOCUMENT', 'PROVISION', 'TOPIC', 'REGULATION', 'USE'));
