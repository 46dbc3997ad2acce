{{%AUTOESCAPE context="HTML"}}
{{!
  pages/home: the public home page, included as PAGE in layouts/base.
  A search hero, one card per section of the portal, and a call to sign in.

  Dictionary contract: none; every text comes from the catalogues.
}}<section class="hero" aria-labelledby="home-title">
<div class="hero__inner">
<h1 id="home-title" class="hero__title">[[t:home.hero.title]]</h1>
<p class="hero__lead">[[t:home.hero.text]]</p>
<form class="search search--hero" role="search" action="/search" method="get">
<label class="search__label" for="home-search-q">[[t:home.search.label]]</label>
<div class="search__row">
<input id="home-search-q" class="search__input" type="search" name="q" placeholder="[[t:home.search.placeholder]]" maxlength="500" data-search-shortcut>
<button class="button search__button" type="submit">[[t:search.submit]]</button>
</div>
</form>
</div>
</section>
<section class="sections" aria-labelledby="sections-title">
<h2 id="sections-title" class="sections__title">[[t:home.sections.title]]</h2>
<ul class="cards">
<li class="card"><h3 class="card__title"><a class="card__link" href="/kb">[[t:section.kb.title]]</a></h3><p class="card__text">[[t:section.kb.summary]]</p></li>
<li class="card"><h3 class="card__title"><a class="card__link" href="/faq">[[t:section.faq.title]]</a></h3><p class="card__text">[[t:section.faq.summary]]</p></li>
<li class="card"><h3 class="card__title"><a class="card__link" href="/tickets">[[t:section.tickets.title]]</a></h3><p class="card__text">[[t:section.tickets.summary]]</p></li>
<li class="card"><h3 class="card__title"><a class="card__link" href="/orders">[[t:section.orders.title]]</a></h3><p class="card__text">[[t:section.orders.summary]]</p></li>
<li class="card"><h3 class="card__title"><a class="card__link" href="/billing">[[t:section.billing.title]]</a></h3><p class="card__text">[[t:section.billing.summary]]</p></li>
<li class="card"><h3 class="card__title"><a class="card__link" href="/appointments">[[t:section.appointments.title]]</a></h3><p class="card__text">[[t:section.appointments.summary]]</p></li>
<li class="card"><h3 class="card__title"><a class="card__link" href="/community">[[t:section.community.title]]</a></h3><p class="card__text">[[t:section.community.summary]]</p></li>
<li class="card"><h3 class="card__title"><a class="card__link" href="/assistant">[[t:section.assistant.title]]</a></h3><p class="card__text">[[t:section.assistant.summary]]</p></li>
</ul>
</section>
<section class="cta" aria-labelledby="signin-title">
<h2 id="signin-title" class="cta__title">[[t:home.signin.title]]</h2>
<p class="cta__text">[[t:home.signin.text]]</p>
<a class="button button--large" href="/sign-in">[[t:home.signin.action]]</a>
</section>
