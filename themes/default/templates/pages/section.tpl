{{%AUTOESCAPE context="HTML"}}
{{!
  pages/section: a section of the portal that is not open yet, included as PAGE.

  Dictionary contract (the PAGE include dictionary):
    SECTION_TITLE     translated title (section.<name>.title)
    SECTION_TEXT      what the section will offer (section.<name>.text)
    SECTION_SOON      optional: when it opens (section.<name>.soon); shown inside the SOON section
    SOON              section shown to display SECTION_SOON
}}<section class="section-page" aria-labelledby="section-title">
<p class="badge">[[t:section.coming_soon]]</p>
<h1 id="section-title">{{SECTION_TITLE}}</h1>
<p class="section-page__text">{{SECTION_TEXT}}</p>
{{#SOON}}<p class="section-page__soon">{{SECTION_SOON}}</p>{{/SOON}}
<form class="search" role="search" action="/search" method="get">
<label class="search__label" for="section-search-q">[[t:section.search_label]]</label>
<div class="search__row">
<input id="section-search-q" class="search__input" type="search" name="q" placeholder="[[t:search.placeholder]]" maxlength="500" data-search-shortcut>
<button class="button search__button" type="submit">[[t:search.submit]]</button>
</div>
</form>
<p><a href="/">[[t:section.back_home]]</a></p>
</section>
