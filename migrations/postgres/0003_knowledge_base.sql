-- Knowledge base and FAQ: categories → sections → articles, one translation
-- per language, revisions, attachments, feedback, search analytics and the
-- full-text index. Mirrors migrations/sqlite/0003_knowledge_base.sql.

-- kind 'kb': a knowledge-base category; 'faq': an FAQ whose sections are its
-- topics and whose articles are question (title) / answer (body) pairs.
CREATE TABLE kb_categories (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'kb' CHECK (kind IN ('kb', 'faq')),
    position INTEGER NOT NULL DEFAULT 0,
    icon TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Names per language; a language without a row falls back to the default one.
CREATE TABLE kb_category_texts (
    category_id BIGINT NOT NULL REFERENCES kb_categories (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (category_id, language)
);

CREATE TABLE kb_sections (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category_id BIGINT NOT NULL REFERENCES kb_categories (id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX kb_sections_category_idx ON kb_sections (category_id, position);

CREATE TABLE kb_section_texts (
    section_id BIGINT NOT NULL REFERENCES kb_sections (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (section_id, language)
);

-- What is common to every language of an article. A customer sees it only
-- when status = 'published', publish_at (if any) has passed, and visibility
-- lets them (public; customers: signed in; organisations: listed in
-- kb_article_organisations; internal: staff only).
CREATE TABLE kb_articles (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    section_id BIGINT NOT NULL REFERENCES kb_sections (id),
    position INTEGER NOT NULL DEFAULT 0,
    source_language TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'review', 'published', 'archived')),
    visibility TEXT NOT NULL DEFAULT 'public'
        CHECK (visibility IN ('public', 'customers', 'organisations', 'internal')),
    -- Scheduled publication: a published article stays hidden until then.
    publish_at BIGINT,
    author_id BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    published_at BIGINT,
    view_count BIGINT NOT NULL DEFAULT 0,
    -- Kept in step with kb_votes in the same transaction (ranking and author lists read them).
    helpful_count BIGINT NOT NULL DEFAULT 0,
    unhelpful_count BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX kb_articles_section_idx ON kb_articles (section_id, position);
CREATE INDEX kb_articles_status_idx ON kb_articles (status, visibility);

CREATE TABLE kb_article_organisations (
    article_id BIGINT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, organisation_id)
);

-- One row per article and language: the current text. body is Markdown;
-- body_text its plain text (what the index and meta descriptions use);
-- labels a comma-separated list. outdated = 1 when the source language
-- version changed after this one was last saved.
CREATE TABLE kb_translations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    slug TEXT NOT NULL,
    body TEXT NOT NULL,
    body_text TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    labels TEXT NOT NULL DEFAULT '',
    outdated INTEGER NOT NULL DEFAULT 0 CHECK (outdated IN (0, 1)),
    revision_id BIGINT,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users (id),
    UNIQUE (article_id, language)
);
CREATE INDEX kb_translations_language_idx ON kb_translations (language, article_id);

-- Every save of a translation, never changed afterwards.
CREATE TABLE kb_revisions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    labels TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    author_id BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX kb_revisions_article_idx ON kb_revisions (article_id, language, id);

-- Images and files attached to an article; the bytes are stored base64 so
-- that every node of a PostgreSQL deployment serves them.
CREATE TABLE kb_attachments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    byte_size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    data_base64 TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX kb_attachments_article_idx ON kb_attachments (article_id);

-- "Was this article helpful?": one vote per visitor and article, changeable.
-- voter is 'u:<user id>' for a signed-in user, 'v:<hash>' for an anonymous visitor cookie.
CREATE TABLE kb_votes (
    article_id BIGINT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    voter TEXT NOT NULL,
    language TEXT NOT NULL,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (article_id, voter)
);

-- Comments left with a vote, in the authors' feedback inbox until handled.
CREATE TABLE kb_feedback (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    comment TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    handled_at BIGINT,
    handled_by BIGINT REFERENCES users (id)
);
CREATE INDEX kb_feedback_open_idx ON kb_feedback (handled_at, created_at);

-- Every search (for analytics and content gaps); no user id is kept.
CREATE TABLE kb_searches (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    query TEXT NOT NULL,
    normalized_query TEXT NOT NULL,
    language TEXT NOT NULL,
    result_count BIGINT NOT NULL,
    clicked_article_id BIGINT REFERENCES kb_articles (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX kb_searches_gaps_idx ON kb_searches (result_count, language, created_at);

-- Words of the indexed texts (folded, unstemmed) and in how many
-- translations they occur: the vocabulary that typo suggestions draw from.
CREATE TABLE kb_vocabulary (
    language TEXT NOT NULL,
    word TEXT NOT NULL,
    documents BIGINT NOT NULL,
    PRIMARY KEY (language, word)
);

-- Full-text search: one text search configuration per stemming language,
-- accents folded by unaccent before stemming (as the SQLite tokenizer folds
-- then stems); other languages use comptoir_simple. The extension goes to
-- schema public so that every schema (one per test) shares it.
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE TEXT SEARCH CONFIGURATION comptoir_en (COPY = english);
ALTER TEXT SEARCH CONFIGURATION comptoir_en
    ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword, hword_asciipart WITH public.unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION comptoir_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION comptoir_fr
    ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword, hword_asciipart WITH public.unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION comptoir_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION comptoir_simple
    ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword, hword_asciipart WITH public.unaccent, simple;

-- Title weighs most (A), then labels (B), then the body (D).
ALTER TABLE kb_translations ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(CASE language WHEN 'en' THEN 'comptoir_en'::regconfig WHEN 'fr' THEN 'comptoir_fr'::regconfig
                                        ELSE 'comptoir_simple'::regconfig END, title), 'A') ||
    setweight(to_tsvector(CASE language WHEN 'en' THEN 'comptoir_en'::regconfig WHEN 'fr' THEN 'comptoir_fr'::regconfig
                                        ELSE 'comptoir_simple'::regconfig END, labels), 'B') ||
    setweight(to_tsvector(CASE language WHEN 'en' THEN 'comptoir_en'::regconfig WHEN 'fr' THEN 'comptoir_fr'::regconfig
                                        ELSE 'comptoir_simple'::regconfig END, body_text), 'D')) STORED;
CREATE INDEX kb_translations_search_idx ON kb_translations USING GIN (search_vector);
-- Search-as-you-type matches title prefixes with this very expression.
CREATE INDEX kb_translations_title_search_idx ON kb_translations USING GIN (
    to_tsvector(CASE language WHEN 'en' THEN 'comptoir_en'::regconfig WHEN 'fr' THEN 'comptoir_fr'::regconfig
                              ELSE 'comptoir_simple'::regconfig END, title));
