{{%AUTOESCAPE context="HTML"}}
{{!
  pages/search: knowledge-base search with its results, included as PAGE.

  Dictionary contract (the PAGE include dictionary):
    KB_ASSETS         include: pages/kb/assets (absent: the page works without it)
    SEARCH_QUERY      the query as typed (template-global, set by Page::set_search_query; the header box shows it too)
    CATEGORY_OPTION   repeated, the category filter's choices: ID, NAME, SELECTED section
    RESULT_SUMMARY    a formatted, translated sentence (search.results); empty without a query
    RESULT            repeated section, one per result:
                        TITLE        title of the article; TITLE_LANG its language (and the snippet's)
                        URL          link to it (with ?s=<search id> to attribute the click)
                        SNIPPET_HTML an excerpt as HTML: every character escaped by the search
                                     service but the <mark> around matched terms
                                     (domain/kb/search_service.hpp), so it is printed raw
    DID_YOU_MEAN      section: SUGGESTION_URL and SUGGESTION (a corrected query)
    PAGINATION        section: PAGE_OF ("Page 2 of 5"), HAS_PREV (PREV_URL), HAS_NEXT (NEXT_URL)
    NO_RESULTS        section shown when the search found nothing
}}{{>KB_ASSETS}}
<section class="search-page" aria-labelledby="search-title">
<h1 id="search-title">[[t:search.heading]]</h1>
<form class="search" role="search" action="/search" method="get">
<label class="search__label" for="search-q">[[t:search.label]]</label>
<div class="search__row">
<input id="search-q" class="search__input" type="search" name="q" value="{{SEARCH_QUERY}}" placeholder="[[t:search.placeholder]]" maxlength="500" autocomplete="off" data-search-shortcut>
<button class="button search__button" type="submit">[[t:search.submit]]</button>
</div>
<div class="search__filters">
<label class="search__filter-label" for="search-category">[[t:search.category]]</label>
<select id="search-category" name="category">
<option value="">[[t:search.category_all]]</option>
{{#CATEGORY_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/CATEGORY_OPTION}}</select>
</div>
</form>
<p class="search-page__summary" role="status">{{RESULT_SUMMARY}}</p>
{{#DID_YOU_MEAN}}<p class="search-page__suggestion">[[t:search.did_you_mean]] <a href="{{SUGGESTION_URL}}" data-did-you-mean>{{SUGGESTION}}</a></p>{{/DID_YOU_MEAN}}
<ol class="results">
{{#RESULT}}<li class="result" lang="{{TITLE_LANG}}"><h2 class="result__title"><a href="{{URL}}">{{TITLE}}</a></h2><p class="result__snippet">{{SNIPPET_HTML:none}}</p></li>
{{/RESULT}}
</ol>
{{#PAGINATION}}<nav class="pagination" aria-label="[[t:search.pagination_label]]">
{{#HAS_PREV}}<a class="button button--secondary" href="{{PREV_URL}}" rel="prev">[[t:search.previous]]</a>{{/HAS_PREV}}
<span class="pagination__status">{{PAGE_OF}}</span>
{{#HAS_NEXT}}<a class="button button--secondary" href="{{NEXT_URL}}" rel="next">[[t:search.next]]</a>{{/HAS_NEXT}}
</nav>{{/PAGINATION}}
{{#NO_RESULTS}}<div class="empty-state">
<h2 class="empty-state__title">[[t:search.no_results.title]]</h2>
<p>[[t:search.no_results.help]]</p>
<ul class="empty-state__links">
<li><a class="button button--secondary" href="/faq">[[t:search.no_results.faq]]</a></li>
<li><a class="button" href="/tickets/new">[[t:search.no_results.ticket]]</a></li>
</ul>
</div>{{/NO_RESULTS}}
</section>
