{{%AUTOESCAPE context="HTML"}}
{{!
  pages/error: the page of an error response (404, 500, ...), included as PAGE.

  Dictionary contract (the PAGE include dictionary):
    STATUS            HTTP status code (404)
    ERROR_TITLE       translated title (error.<status>.title)
    ERROR_MESSAGE     translated explanation (error.<status>.message)
    REQUEST_ID        the request id, to quote to support
}}<section class="error-page" aria-labelledby="error-title">
<p class="error-page__status">{{STATUS}}</p>
<h1 id="error-title">{{ERROR_TITLE}}</h1>
<p class="error-page__message">{{ERROR_MESSAGE}}</p>
<p class="error-page__request">[[t:error.request_id]] <code>{{REQUEST_ID}}</code></p>
<p><a class="button" href="/">[[t:error.home]]</a></p>
<form class="search" role="search" action="/search" method="get">
<label class="search__label" for="error-search-q">[[t:error.search_label]]</label>
<div class="search__row">
<input id="error-search-q" class="search__input" type="search" name="q" placeholder="[[t:search.placeholder]]" maxlength="500" data-search-shortcut>
<button class="button search__button" type="submit">[[t:search.submit]]</button>
</div>
</form>
</section>
