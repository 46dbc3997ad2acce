-- Knowledge base and FAQ: categories → sections → articles, one translation
-- per language, revisions, attachments, feedback, search analytics and the
-- full-text index. Mirrors migrations/postgres/0003_knowledge_base.sql.

-- kind 'kb': a knowledge-base category; 'faq': an FAQ whose sections are its
-- topics and whose articles are question (title) / answer (body) pairs.
CREATE TABLE kb_categories (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'kb' CHECK (kind IN ('kb', 'faq')),
    position INTEGER NOT NULL DEFAULT 0,
    icon TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

-- Names per language; a language without a row falls back to the default one.
CREATE TABLE kb_category_texts (
    category_id INTEGER NOT NULL REFERENCES kb_categories (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (category_id, language)
) STRICT;

CREATE TABLE kb_sections (
    id INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES kb_categories (id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX kb_sections_category_idx ON kb_sections (category_id, position);

CREATE TABLE kb_section_texts (
    section_id INTEGER NOT NULL REFERENCES kb_sections (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (section_id, language)
) STRICT;

-- What is common to every language of an article. A customer sees it only
-- when status = 'published', publish_at (if any) has passed, and visibility
-- lets them (public; customers: signed in; organisations: listed in
-- kb_article_organisations; internal: staff only).
CREATE TABLE kb_articles (
    id INTEGER PRIMARY KEY,
    section_id INTEGER NOT NULL REFERENCES kb_sections (id),
    position INTEGER NOT NULL DEFAULT 0,
    source_language TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'review', 'published', 'archived')),
    visibility TEXT NOT NULL DEFAULT 'public'
        CHECK (visibility IN ('public', 'customers', 'organisations', 'internal')),
    -- Scheduled publication: a published article stays hidden until then.
    publish_at INTEGER,
    author_id INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    published_at INTEGER,
    view_count INTEGER NOT NULL DEFAULT 0,
    -- Kept in step with kb_votes in the same transaction (ranking and author lists read them).
    helpful_count INTEGER NOT NULL DEFAULT 0,
    unhelpful_count INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX kb_articles_section_idx ON kb_articles (section_id, position);
CREATE INDEX kb_articles_status_idx ON kb_articles (status, visibility);

CREATE TABLE kb_article_organisations (
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, organisation_id)
) STRICT;

-- One row per article and language: the current text. body is Markdown;
-- body_text its plain text (what the index and meta descriptions use);
-- labels a comma-separated list. outdated = 1 when the source language
-- version changed after this one was last saved.
CREATE TABLE kb_translations (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    slug TEXT NOT NULL,
    body TEXT NOT NULL,
    body_text TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    labels TEXT NOT NULL DEFAULT '',
    outdated INTEGER NOT NULL DEFAULT 0 CHECK (outdated IN (0, 1)),
    revision_id INTEGER,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    UNIQUE (article_id, language)
) STRICT;
CREATE INDEX kb_translations_language_idx ON kb_translations (language, article_id);

-- Every save of a translation, never changed afterwards.
CREATE TABLE kb_revisions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    labels TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    author_id INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX kb_revisions_article_idx ON kb_revisions (article_id, language, id);

-- Images and files attached to an article; the bytes are stored base64 so
-- that every node of a PostgreSQL deployment serves them.
CREATE TABLE kb_attachments (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    byte_size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    data_base64 TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX kb_attachments_article_idx ON kb_attachments (article_id);

-- "Was this article helpful?": one vote per visitor and article, changeable.
-- voter is 'u:<user id>' for a signed-in user, 'v:<hash>' for an anonymous visitor cookie.
CREATE TABLE kb_votes (
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    voter TEXT NOT NULL,
    language TEXT NOT NULL,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (article_id, voter)
) STRICT;

-- Comments left with a vote, in the authors' feedback inbox until handled.
CREATE TABLE kb_feedback (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    comment TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    handled_at INTEGER,
    handled_by INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX kb_feedback_open_idx ON kb_feedback (handled_at, created_at);

-- Every search (for analytics and content gaps); no user id is kept.
CREATE TABLE kb_searches (
    id INTEGER PRIMARY KEY,
    query TEXT NOT NULL,
    normalized_query TEXT NOT NULL,
    language TEXT NOT NULL,
    result_count INTEGER NOT NULL,
    clicked_article_id INTEGER REFERENCES kb_articles (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX kb_searches_gaps_idx ON kb_searches (result_count, language, created_at);

-- Words of the indexed texts (folded, unstemmed) and in how many
-- translations they occur: the vocabulary that typo suggestions draw from.
CREATE TABLE kb_vocabulary (
    language TEXT NOT NULL,
    word TEXT NOT NULL,
    documents INTEGER NOT NULL,
    PRIMARY KEY (language, word)
) STRICT, WITHOUT ROWID;

-- Full-text index, one table per stemming language (the Snowball tokenizer
-- is registered by the SQLite backend on every connection); other languages
-- use kb_fts_simple (accents folded, no stemming). External content: the
-- text lives in kb_translations, the triggers below keep the index in step.
CREATE VIRTUAL TABLE kb_fts_en USING fts5(
    title, labels, body_text, content='kb_translations', content_rowid='id',
    tokenize='comptoir_snowball english');
CREATE VIRTUAL TABLE kb_fts_fr USING fts5(
    title, labels, body_text, content='kb_translations', content_rowid='id',
    tokenize='comptoir_snowball french');
CREATE VIRTUAL TABLE kb_fts_simple USING fts5(
    title, labels, body_text, content='kb_translations', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER kb_translations_ai AFTER INSERT ON kb_translations BEGIN
    INSERT INTO kb_fts_en (rowid, title, labels, body_text)
        SELECT new.id, new.title, new.labels, new.body_text WHERE new.language = 'en';
    INSERT INTO kb_fts_fr (rowid, title, labels, body_text)
        SELECT new.id, new.title, new.labels, new.body_text WHERE new.language = 'fr';
    INSERT INTO kb_fts_simple (rowid, title, labels, body_text)
        SELECT new.id, new.title, new.labels, new.body_text WHERE new.language NOT IN ('en', 'fr');
END;
CREATE TRIGGER kb_translations_ad AFTER DELETE ON kb_translations BEGIN
    INSERT INTO kb_fts_en (kb_fts_en, rowid, title, labels, body_text)
        SELECT 'delete', old.id, old.title, old.labels, old.body_text WHERE old.language = 'en';
    INSERT INTO kb_fts_fr (kb_fts_fr, rowid, title, labels, body_text)
        SELECT 'delete', old.id, old.title, old.labels, old.body_text WHERE old.language = 'fr';
    INSERT INTO kb_fts_simple (kb_fts_simple, rowid, title, labels, body_text)
        SELECT 'delete', old.id, old.title, old.labels, old.body_text WHERE old.language NOT IN ('en', 'fr');
END;
CREATE TRIGGER kb_translations_au AFTER UPDATE OF title, labels, body_text, language ON kb_translations BEGIN
    INSERT INTO kb_fts_en (kb_fts_en, rowid, title, labels, body_text)
        SELECT 'delete', old.id, old.title, old.labels, old.body_text WHERE old.language = 'en';
    INSERT INTO kb_fts_fr (kb_fts_fr, rowid, title, labels, body_text)
        SELECT 'delete', old.id, old.title, old.labels, old.body_text WHERE old.language = 'fr';
    INSERT INTO kb_fts_simple (kb_fts_simple, rowid, title, labels, body_text)
        SELECT 'delete', old.id, old.title, old.labels, old.body_text WHERE old.language NOT IN ('en', 'fr');
    INSERT INTO kb_fts_en (rowid, title, labels, body_text)
        SELECT new.id, new.title, new.labels, new.body_text WHERE new.language = 'en';
    INSERT INTO kb_fts_fr (rowid, title, labels, body_text)
        SELECT new.id, new.title, new.labels, new.body_text WHERE new.language = 'fr';
    INSERT INTO kb_fts_simple (rowid, title, labels, body_text)
        SELECT new.id, new.title, new.labels, new.body_text WHERE new.language NOT IN ('en', 'fr');
END;
