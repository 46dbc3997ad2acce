{{%AUTOESCAPE context="HTML"}}
{{!
  partials/header: brand, site search (with the messages js/kb-search.js
  announces while suggesting, in the page's language), sign-in link, main
  navigation and language switcher. On phones the navigation collapses behind a
  <details>/<summary> menu, which works without JavaScript.

  Dictionary contract (the HEADER include dictionary, or template-global):
    BRAND_NAME        the operator's brand name (template-global)
    HAS_LOGO          section shown when the operator has a logo (template-global):
                        BRAND_LOGO_URL  URL of the logo image (template-global)
    SEARCH_QUERY      the current search, to keep it in the box (template-global; empty elsewhere)
    LANGUAGE_OPTION   repeated section, one per supported language:
                        CODE     language code ("fr")
                        NAME     the language's own name ("Français")
                        HREF     this page in that language
                        CURRENT  section shown for the page's language
    SIGNED_IN / SIGNED_OUT  sections (template-global): who is here
      USER_NAME     the signed-in user's name (template-global)
      CSRF_TOKEN    for the sign-out form (template-global)
      IS_STAFF, IS_ADMIN, IS_ORG_ADMIN  sections (template-global) for role links
}}<header class="site-header">
<div class="site-header__bar">
<a class="brand" href="/">{{#HAS_LOGO}}<img class="brand__logo" src="{{BRAND_LOGO_URL}}" alt="" width="40" height="40">{{/HAS_LOGO}}<span class="brand__name">{{BRAND_NAME}}</span></a>
<form class="site-search" role="search" action="/search" method="get" aria-label="[[t:search.site_label]]">
<label class="visually-hidden" for="site-search-q">[[t:search.label]]</label>
<input id="site-search-q" class="site-search__input" type="search" name="q" value="{{SEARCH_QUERY}}" placeholder="[[t:search.placeholder]]" maxlength="500">
<button class="button site-search__button" type="submit">[[t:search.submit]]</button>
</form>
<div id="kb-suggest-messages" hidden data-label="[[t:kb.suggest.label]]" data-none="[[t:kb.suggest.none]]" data-one="[[t:kb.suggest.one]]" data-other="[[t:kb.suggest.other]]" data-hint="[[t:kb.suggest.hint]]"></div>
{{#SIGNED_OUT}}<a class="button button--secondary signin-link" href="/sign-in">[[t:signin.label]]</a>{{/SIGNED_OUT}}
{{#SIGNED_IN}}<details class="account-menu">
<summary class="button button--secondary account-menu__toggle">{{USER_NAME}}</summary>
<div class="account-menu__panel">
<ul class="account-menu__list">
<li><a href="/account">[[t:account.nav.profile]]</a></li>
<li><a href="/account/security">[[t:account.nav.security]]</a></li>
<li><a href="/account/sessions">[[t:account.nav.sessions]]</a></li>
{{#IS_ORG_ADMIN}}<li><a href="/organisation/members">[[t:account.nav.members]]</a></li>{{/IS_ORG_ADMIN}}
{{#IS_STAFF}}<li><a href="/admin">[[t:account.nav.admin]]</a></li>{{/IS_STAFF}}
</ul>
<form method="post" action="/sign-out"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><button class="button button--link" type="submit">[[t:account.nav.sign_out]]</button></form>
</div>
</details>{{/SIGNED_IN}}
<details class="menu">
<summary class="menu__toggle"><span class="menu__label">[[t:nav.menu]]</span></summary>
<div class="menu__panel">
<nav class="primary-nav" aria-label="[[t:nav.label]]">
<ul class="primary-nav__list">
<li><a href="/kb">[[t:nav.kb]]</a></li>
<li><a href="/faq">[[t:nav.faq]]</a></li>
<li><a href="/tickets">[[t:nav.tickets]]</a></li>
<li><a href="/orders">[[t:nav.orders]]</a></li>
<li><a href="/billing">[[t:nav.billing]]</a></li>
<li><a href="/appointments">[[t:nav.appointments]]</a></li>
<li><a href="/community">[[t:nav.community]]</a></li>
<li><a href="/assistant">[[t:nav.assistant]]</a></li>
</ul>
</nav>
<nav class="lang-switch" aria-label="[[t:lang.switch]]">
<ul class="lang-switch__list">
{{#LANGUAGE_OPTION}}<li><a href="{{HREF}}" hreflang="{{CODE}}" lang="{{CODE}}"{{#CURRENT}} aria-current="true"{{/CURRENT}}>{{NAME}}</a></li>
{{/LANGUAGE_OPTION}}
</ul>
</nav>
</div>
</details>
</div>
</header>
