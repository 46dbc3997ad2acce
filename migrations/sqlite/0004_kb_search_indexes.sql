-- Indexes for a knowledge base of tens of thousands of articles (bench/kb).
--
-- Search joins each full-text hit to its translation's article and
-- language. kb_translations rows hold whole article bodies, so looking hits
-- up by rowid reads one page per hit; this narrow index holds what the join
-- needs, densely, and search names it (INDEXED BY).
CREATE INDEX kb_translations_search_idx ON kb_translations (id, article_id, language);

-- Related articles: the most helpful of the same section.
CREATE INDEX kb_articles_helpful_idx ON kb_articles (section_id, helpful_count DESC, view_count DESC, id);
