{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb_admin/articles: every article for authors, with filters.

  Dictionary contract (the PAGE include dictionary):
    KB_NAV            include: pages/kb_admin/nav
    STATUS_FILTER     repeated: CODE, LABEL, SELECTED (section)
    CATEGORY_FILTER   repeated: CATEGORY_ID, NAME, SELECTED (section)
    LANGUAGE_FILTER   repeated: CODE, NAME, SELECTED (section)
    OUTDATED_CHECKED  section
    SORT_OPTION       repeated: CODE, LABEL, SELECTED (section)
    TOTAL, PAGE_OF    "12 articles", "Page 1 of 3"
    ARTICLE           repeated: ARTICLE_ID, TITLE, TITLE_LANGUAGE, URL, STATUS, STATUS_CODE, VISIBILITY,
                      VISIBILITY_CODE, VIEWS, HELPFUL, UNHELPFUL, UPDATED; sections FALLBACK, SCHEDULED (WHEN),
                      ARTICLE_LANGUAGE repeated: CODE, NAME, URL; sections PRESENT, MISSING, OUTDATED, SOURCE
    NO_RESULTS        section
    PREVIOUS, NEXT    sections with URL
}}{{>KB_NAV}}
<section class="stack" aria-labelledby="kb-articles-title">
<h1 id="kb-articles-title">[[t:kb_admin.articles.heading]]</h1>
<ul class="form__actions">
<li><a class="button" href="/admin/kb/articles/new">[[t:kb_admin.articles.new]]</a></li>
<li><a href="/admin/kb/categories">[[t:kb_admin.nav.categories]]</a></li>
<li><a href="/admin/kb/feedback">[[t:kb_admin.nav.feedback]]</a></li>
<li><a href="/admin/kb/searches">[[t:kb_admin.nav.searches]]</a></li>
</ul>
<form class="kb-filters" method="get" action="/admin/kb" aria-label="[[t:kb_admin.articles.filters]]">
<div class="form__field">
<label for="kb-filter-status">[[t:kb_admin.articles.status]]</label>
<select id="kb-filter-status" name="status">
<option value="">[[t:kb_admin.articles.any_status]]</option>
{{#STATUS_FILTER}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/STATUS_FILTER}}</select>
</div>
<div class="form__field">
<label for="kb-filter-category">[[t:kb_admin.articles.category]]</label>
<select id="kb-filter-category" name="category">
<option value="">[[t:kb_admin.articles.any_category]]</option>
{{#CATEGORY_FILTER}}<option value="{{CATEGORY_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/CATEGORY_FILTER}}</select>
</div>
<div class="form__field">
<label for="kb-filter-language">[[t:kb_admin.articles.language]]</label>
<select id="kb-filter-language" name="language">
{{#LANGUAGE_FILTER}}<option value="{{CODE}}" lang="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/LANGUAGE_FILTER}}</select>
</div>
<div class="form__field">
<label for="kb-filter-sort">[[t:kb_admin.articles.sort]]</label>
<select id="kb-filter-sort" name="sort">
{{#SORT_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/SORT_OPTION}}</select>
</div>
<div class="form__check"><input id="kb-filter-outdated" name="outdated" type="checkbox" value="1"{{#OUTDATED_CHECKED}} checked{{/OUTDATED_CHECKED}}><label for="kb-filter-outdated">[[t:kb_admin.articles.outdated_only]]</label></div>
<div class="form__actions"><button class="button" type="submit">[[t:kb_admin.articles.apply]]</button></div>
</form>
<p>{{TOTAL}}</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="[[t:a11y.table_region]]">
<table class="table kb-articles">
<caption class="visually-hidden">[[t:kb_admin.articles.caption]]</caption>
<thead><tr>
<th scope="col">[[t:kb_admin.articles.col_title]]</th>
<th scope="col">[[t:kb_admin.articles.col_languages]]</th>
<th scope="col">[[t:kb_admin.articles.col_status]]</th>
<th scope="col">[[t:kb_admin.articles.col_visibility]]</th>
<th scope="col">[[t:kb_admin.articles.col_views]]</th>
<th scope="col">[[t:kb_admin.articles.col_helpful]]</th>
<th scope="col">[[t:kb_admin.articles.col_updated]]</th>
</tr></thead>
<tbody>
{{#ARTICLE}}<tr data-article-id="{{ARTICLE_ID}}" data-status="{{STATUS_CODE}}" data-visibility="{{VISIBILITY_CODE}}">
<th scope="row"><a href="{{URL}}" lang="{{TITLE_LANGUAGE}}">{{TITLE}}</a>{{#FALLBACK}} <span class="kb-muted">({{TITLE_LANGUAGE}})</span>{{/FALLBACK}}</th>
<td><ul class="kb-langs">{{#ARTICLE_LANGUAGE}}<li data-language="{{CODE}}"{{#OUTDATED}} data-outdated="1"{{/OUTDATED}}{{#MISSING}} data-missing="1"{{/MISSING}}><a href="{{URL}}"><span class="kb-lang-code" aria-hidden="true">{{CODE}}</span><span class="visually-hidden">{{NAME}}</span></a>{{#SOURCE}} <span class="kb-muted">[[t:kb_admin.languages.source]]</span>{{/SOURCE}}{{#OUTDATED}} <span class="badge badge--warn">[[t:kb_admin.languages.outdated]]</span>{{/OUTDATED}}{{#MISSING}} <span class="badge">[[t:kb_admin.languages.missing]]</span>{{/MISSING}}</li>{{/ARTICLE_LANGUAGE}}</ul></td>
<td><span class="badge kb-status kb-status--{{STATUS_CODE}}">{{STATUS}}</span>{{#SCHEDULED}}<br><span class="kb-muted">[[t:kb_admin.articles.scheduled]] {{WHEN}}</span>{{/SCHEDULED}}</td>
<td>{{VISIBILITY}}</td>
<td>{{VIEWS}}</td>
<td>[[t:kb_admin.yes]] {{HELPFUL}} · [[t:kb_admin.no]] {{UNHELPFUL}}</td>
<td>{{UPDATED}}</td>
</tr>
{{/ARTICLE}}</tbody>
</table>
</div>
{{#NO_RESULTS}}<p>[[t:kb_admin.articles.none]]</p>{{/NO_RESULTS}}
<nav aria-label="[[t:kb_admin.paging]]"><ul class="form__actions">
{{#PREVIOUS}}<li><a href="{{URL}}" rel="prev">[[t:kb_admin.previous]]</a></li>{{/PREVIOUS}}
<li>{{PAGE_OF}}</li>
{{#NEXT}}<li><a href="{{URL}}" rel="next">[[t:kb_admin.next]]</a></li>{{/NEXT}}
</ul></nav>
</section>
