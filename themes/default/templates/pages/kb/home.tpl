{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb/home: the knowledge base's home in one language, included as PAGE.

  Dictionary contract (the PAGE include dictionary):
    KB_ASSETS   include: pages/kb/assets
    LANG        the page's language (the search form keeps it)
    FAQ_URL     /kb/<lang>/faq
    CATEGORY    repeated section, one per category with articles this visitor may see:
                  ID, NAME, URL, ICON (a name from the category's settings), COUNT ("12 articles")
                  HAS_DESCRIPTION section: DESCRIPTION
                  SECTION   repeated: NAME, URL (the category page's anchor of the section)
                  HAS_TOP   section shown when TOP has rows
                  TOP       repeated, the most read articles: TITLE, URL,
                            OTHER_LANGUAGE section (TITLE_LANG) when shown in a fallback language
    EMPTY       section shown when no category has an article yet
}}{{>KB_ASSETS}}
<section class="kb-hero" aria-labelledby="kb-title">
<h1 id="kb-title">[[t:kb.home.heading]]</h1>
<p class="kb-hero__lead">[[t:kb.home.lead]]</p>
<form class="search search--hero" role="search" action="/search" method="get">
<input type="hidden" name="lang" value="{{LANG}}">
<label class="search__label" for="kb-search-q">[[t:kb.home.search_label]]</label>
<div class="search__row">
<input id="kb-search-q" class="search__input" type="search" name="q" placeholder="[[t:search.placeholder]]" maxlength="500" autocomplete="off" data-search-shortcut>
<button class="button search__button" type="submit">[[t:search.submit]]</button>
</div>
</form>
</section>
<section class="kb-categories" aria-labelledby="kb-categories-title">
<h2 id="kb-categories-title">[[t:kb.home.browse]]</h2>
{{#EMPTY}}<p class="empty-state">[[t:kb.home.empty]]</p>{{/EMPTY}}
<ul class="kb-grid">
{{#CATEGORY}}<li class="kb-category" data-category-id="{{ID}}">
<h3 class="kb-category__title"><span class="kb-icon kb-icon--{{ICON}}" aria-hidden="true"></span><a href="{{URL}}">{{NAME}}</a></h3>
{{#HAS_DESCRIPTION}}<p class="kb-category__text">{{DESCRIPTION}}</p>{{/HAS_DESCRIPTION}}
<p class="kb-muted">{{COUNT}}</p>
<ul class="kb-category__sections">
{{#SECTION}}<li><a href="{{URL}}">{{NAME}}</a></li>
{{/SECTION}}</ul>
{{#HAS_TOP}}<p class="kb-category__top-title">[[t:kb.home.popular]]</p>
<ul class="kb-category__top">
{{#TOP}}<li><a href="{{URL}}"{{#OTHER_LANGUAGE}} lang="{{TITLE_LANG}}"{{/OTHER_LANGUAGE}}>{{TITLE}}</a></li>
{{/TOP}}</ul>{{/HAS_TOP}}
</li>
{{/CATEGORY}}</ul>
</section>
<section class="cta kb-faq-cta" aria-labelledby="kb-faq-title">
<h2 id="kb-faq-title">[[t:kb.faq.heading]]</h2>
<p class="cta__text">[[t:kb.home.faq_text]]</p>
<a class="button" href="{{FAQ_URL}}">[[t:kb.home.faq_link]]</a>
</section>
