{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb/assets: the knowledge base's stylesheet, included first by every
  knowledge-base page and the search page (as KB_ASSETS). A
  <link rel=stylesheet> is allowed in the body. (Search as you type is on
  every page: layouts/base and partials/header.)

  Dictionary contract (the KB_ASSETS include dictionary):
    KB_CSS_URL   fingerprinted URL of css/kb.css
}}<link rel="stylesheet" href="{{KB_CSS_URL}}">
