{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb/faq: the frequently asked questions, included as PAGE. Each
  question is a <details> disclosure (no JavaScript needed) holding its answer
  and a link to the question's own page.

  Dictionary contract (the PAGE include dictionary):
    KB_ASSETS, BREADCRUMBS   includes (pages/kb/assets, pages/kb/breadcrumbs)
    LANG        the page's language (the search form keeps it)
    KB_URL      /kb/<lang>
    CATEGORY    repeated, one per FAQ category: ID, NAME, HAS_DESCRIPTION section (DESCRIPTION)
                  TOPIC   repeated, the category's sections: ID, NAME
                    QUESTION  repeated: ID, TITLE, CONTENT_LANG (of title and answer), URL,
                              ANSWER (HTML, already safe: printed raw)
    EMPTY       section shown when there is no question yet
}}{{>KB_ASSETS}}
{{>BREADCRUMBS}}
<section class="kb-faq" aria-labelledby="faq-title">
<h1 id="faq-title">[[t:kb.faq.heading]]</h1>
<p class="kb-lead">[[t:kb.faq.lead]]</p>
<form class="search" role="search" action="/search" method="get">
<input type="hidden" name="lang" value="{{LANG}}">
<label class="search__label" for="faq-search-q">[[t:kb.faq.search_label]]</label>
<div class="search__row">
<input id="faq-search-q" class="search__input" type="search" name="q" placeholder="[[t:search.placeholder]]" maxlength="500" autocomplete="off" data-search-shortcut>
<button class="button search__button" type="submit">[[t:search.submit]]</button>
</div>
</form>
{{#EMPTY}}<p class="empty-state">[[t:kb.faq.empty]]</p>{{/EMPTY}}
{{#CATEGORY}}<section class="kb-faq__category" aria-labelledby="faq-category-{{ID}}">
<h2 id="faq-category-{{ID}}">{{NAME}}</h2>
{{#HAS_DESCRIPTION}}<p class="kb-muted">{{DESCRIPTION}}</p>{{/HAS_DESCRIPTION}}
{{#TOPIC}}<section class="kb-faq__topic" id="topic-{{ID}}" aria-labelledby="faq-topic-{{ID}}">
<h3 id="faq-topic-{{ID}}">{{NAME}}</h3>
{{#QUESTION}}<details class="kb-faq__question" id="question-{{ID}}">
<summary class="kb-faq__summary" lang="{{CONTENT_LANG}}">{{TITLE}}</summary>
<div class="kb-faq__answer kb-body" lang="{{CONTENT_LANG}}">
{{ANSWER:none}}
</div>
<p class="kb-faq__link"><a href="{{URL}}">[[t:kb.faq.open_article]]<span class="visually-hidden">: {{TITLE}}</span></a></p>
</details>
{{/QUESTION}}</section>
{{/TOPIC}}</section>
{{/CATEGORY}}
<p><a href="{{KB_URL}}">[[t:kb.faq.browse_kb]]</a></p>
</section>
