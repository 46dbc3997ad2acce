{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb/breadcrumbs: where a knowledge-base page sits (KB home › category
  › section › page), included as BREADCRUMBS.

  Dictionary contract (the BREADCRUMBS include dictionary):
    CRUMB    repeated section, outermost first:
               NAME     text of the step
               LINK     section shown for every step but the last: HREF its URL
               CURRENT  section shown for the last step (this page)
}}<nav class="kb-breadcrumbs" aria-label="[[t:kb.breadcrumbs.label]]">
<ol class="kb-breadcrumbs__list">
{{#CRUMB}}<li class="kb-breadcrumbs__item">{{#LINK}}<a href="{{HREF}}">{{NAME}}</a>{{/LINK}}{{#CURRENT}}<span aria-current="page">{{NAME}}</span>{{/CURRENT}}</li>
{{/CRUMB}}</ol>
</nav>
