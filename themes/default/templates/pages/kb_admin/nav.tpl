{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb_admin/nav: the links between the knowledge-base authoring pages,
  included as KB_NAV by each of them. It also links the area's stylesheet
  (a <link> in the body is allowed for stylesheets; the layout links only
  the site-wide ones).

  Dictionary contract (the KB_NAV include dictionary):
    CSS_URL   fingerprinted URL of css/kb-admin.css
    ARTICLES_CURRENT, NEW_CURRENT, CATEGORIES_CURRENT, FEEDBACK_CURRENT,
    SEARCHES_CURRENT   sections: the page shown
}}<link rel="stylesheet" href="{{CSS_URL}}">
<nav class="kb-admin-nav" aria-label="[[t:kb_admin.nav.label]]">
<ul class="form__actions account-nav">
<li><a href="/admin">[[t:kb_admin.nav.admin]]</a></li>
<li><a href="/admin/kb"{{#ARTICLES_CURRENT}} aria-current="page"{{/ARTICLES_CURRENT}}>[[t:kb_admin.nav.articles]]</a></li>
<li><a href="/admin/kb/articles/new"{{#NEW_CURRENT}} aria-current="page"{{/NEW_CURRENT}}>[[t:kb_admin.nav.new]]</a></li>
<li><a href="/admin/kb/categories"{{#CATEGORIES_CURRENT}} aria-current="page"{{/CATEGORIES_CURRENT}}>[[t:kb_admin.nav.categories]]</a></li>
<li><a href="/admin/kb/feedback"{{#FEEDBACK_CURRENT}} aria-current="page"{{/FEEDBACK_CURRENT}}>[[t:kb_admin.nav.feedback]]</a></li>
<li><a href="/admin/kb/searches"{{#SEARCHES_CURRENT}} aria-current="page"{{/SEARCHES_CURRENT}}>[[t:kb_admin.nav.searches]]</a></li>
</ul>
</nav>
