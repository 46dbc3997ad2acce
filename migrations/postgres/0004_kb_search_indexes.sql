-- Indexes for a knowledge base of tens of thousands of articles (bench/kb).
-- Mirrors migrations/sqlite/0004_kb_search_indexes.sql where the backends
-- need the same; each index says which query it serves.

-- Related articles: translations sharing a label (ArticleService::related
-- matches string_to_array(labels, ',') && …).
CREATE INDEX kb_translations_labels_idx ON kb_translations USING GIN (string_to_array(labels, ','));

-- Related articles: the most helpful of the same section.
CREATE INDEX kb_articles_helpful_idx ON kb_articles (section_id, helpful_count DESC, view_count DESC, id);

-- Quoted phrases ('a' <-> 'b') must not match across the end of the title
-- or the labels and the start of the next part, as they cannot on SQLite,
-- whose full-text columns are apart: the parts are joined with a gap of 100
-- positions (a lexeme no text can produce, deleted again). The index goes
-- with the column and is made again.
ALTER TABLE kb_translations DROP COLUMN search_vector;
ALTER TABLE kb_translations ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (ts_delete(
    setweight(to_tsvector(CASE language WHEN 'en' THEN 'comptoir_en'::regconfig WHEN 'fr' THEN 'comptoir_fr'::regconfig
                                        ELSE 'comptoir_simple'::regconfig END, title), 'A') ||
    ''' '':100'::tsvector ||
    setweight(to_tsvector(CASE language WHEN 'en' THEN 'comptoir_en'::regconfig WHEN 'fr' THEN 'comptoir_fr'::regconfig
                                        ELSE 'comptoir_simple'::regconfig END, labels), 'B') ||
    ''' '':100'::tsvector ||
    setweight(to_tsvector(CASE language WHEN 'en' THEN 'comptoir_en'::regconfig WHEN 'fr' THEN 'comptoir_fr'::regconfig
                                        ELSE 'comptoir_simple'::regconfig END, body_text), 'D'), ' ')) STORED;
CREATE INDEX kb_translations_search_idx ON kb_translations USING GIN (search_vector);
