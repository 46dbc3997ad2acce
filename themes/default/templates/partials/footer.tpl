{{%AUTOESCAPE context="HTML"}}
{{!
  partials/footer: brand, tagline, language switcher and copyright line.

  Dictionary contract (the FOOTER include dictionary, or template-global):
    BRAND_NAME        the operator's brand name (template-global)
    YEAR              the current year (template-global)
    LANGUAGE_OPTION   repeated section, as in partials/header:
                        CODE, NAME, HREF, and the CURRENT section
}}<footer class="site-footer">
<div class="site-footer__inner">
<p class="site-footer__brand"><span class="site-footer__name">{{BRAND_NAME}}</span> [[t:site.tagline]]</p>
<nav class="lang-switch lang-switch--footer" aria-label="[[t:footer.lang_label]]">
<ul class="lang-switch__list">
{{#LANGUAGE_OPTION}}<li><a href="{{HREF}}" hreflang="{{CODE}}" lang="{{CODE}}"{{#CURRENT}} aria-current="true"{{/CURRENT}}>{{NAME}}</a></li>
{{/LANGUAGE_OPTION}}
</ul>
</nav>
<p class="site-footer__legal">© {{YEAR}} {{BRAND_NAME}}. [[t:footer.rights]] <span class="site-footer__powered">[[t:footer.powered_by]]</span></p>
</div>
</footer>
