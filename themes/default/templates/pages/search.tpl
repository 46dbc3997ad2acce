{{%AUTOESCAPE context="HTML"}}
{{!
  pages/search: the search form and its results, included as PAGE.

  Dictionary contract (the PAGE include dictionary):
    SEARCH_QUERY      the query as typed (template-global, set by Page::set_search_query; the header box shows it too)
    RESULT_SUMMARY    a formatted, translated sentence (search.results); empty without a query
    RESULT            repeated section, one per result:
                        TITLE    title of the article
                        URL      link to it (relative or absolute http(s))
                        SNIPPET  plain-text extract (escaped here, no markup)
    NO_RESULTS        section shown when the search found nothing
}}<section class="search-page" aria-labelledby="search-title">
<h1 id="search-title">[[t:search.heading]]</h1>
<form class="search" role="search" action="/search" method="get">
<label class="search__label" for="search-q">[[t:search.label]]</label>
<div class="search__row">
<input id="search-q" class="search__input" type="search" name="q" value="{{SEARCH_QUERY}}" placeholder="[[t:search.placeholder]]" maxlength="500" data-search-shortcut>
<button class="button search__button" type="submit">[[t:search.submit]]</button>
</div>
</form>
<p class="search-page__summary" role="status">{{RESULT_SUMMARY}}</p>
<ol class="results">
{{#RESULT}}<li class="result"><h2 class="result__title"><a href="{{URL}}">{{TITLE}}</a></h2><p class="result__snippet">{{SNIPPET}}</p></li>
{{/RESULT}}
</ol>
{{#NO_RESULTS}}<div class="empty-state">
<h2 class="empty-state__title">[[t:search.no_results.title]]</h2>
<p>[[t:search.no_results.help]]</p>
<ul class="empty-state__links">
<li><a class="button button--secondary" href="/faq">[[t:search.no_results.faq]]</a></li>
<li><a class="button" href="/tickets/new">[[t:search.no_results.ticket]]</a></li>
</ul>
</div>{{/NO_RESULTS}}
</section>
