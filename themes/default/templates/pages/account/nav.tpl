{{%AUTOESCAPE context="HTML"}}
{{!
  pages/account/nav: the links between the account pages, included as
  ACCOUNT_NAV by each of them.

  Dictionary contract (the ACCOUNT_NAV include dictionary):
    PROFILE_CURRENT, SECURITY_CURRENT, SESSIONS_CURRENT  sections: the page shown
}}<nav aria-label="[[t:account.nav.label]]">
<ul class="form__actions account-nav">
<li><a href="/account"{{#PROFILE_CURRENT}} aria-current="page"{{/PROFILE_CURRENT}}>[[t:account.nav.profile]]</a></li>
<li><a href="/account/security"{{#SECURITY_CURRENT}} aria-current="page"{{/SECURITY_CURRENT}}>[[t:account.nav.security]]</a></li>
<li><a href="/account/sessions"{{#SESSIONS_CURRENT}} aria-current="page"{{/SESSIONS_CURRENT}}>[[t:account.nav.sessions]]</a></li>
</ul>
</nav>
