{{%AUTOESCAPE context="HTML"}}
{{!
  emails/signup_existing: answers a sign-up with an address that already has an account (the page says the same thing either way). Included in emails/layout as BODY; the plain-text part
  is built from the same sentences in src/web/emails.cpp.

  Dictionary contract (the BODY include dictionary):
    GREETING           "Hello Zoé," (mail.greeting)
    INTRO              mail.signup_existing.intro
    SIGNIN_LINK        absolute URL of the sign-in page
    SIGNIN_LINK_LABEL  mail.signup_existing.signin_link_label
    RESET_LINK         absolute URL of the forgotten-password page
    RESET_LINK_LABEL   mail.signup_existing.reset_link_label
    IGNORE             mail.signup_existing.ignore
}}<p>{{GREETING}}</p>
<p>{{INTRO}}</p>
<p style="margin:24px 0"><a href="{{SIGNIN_LINK}}" style="display:inline-block;background:#1f5fbf;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:6px">{{SIGNIN_LINK_LABEL}}</a></p>
<p><a href="{{RESET_LINK}}" style="color:#1f5fbf">{{RESET_LINK_LABEL}}</a></p>
<p style="font-size:13px;color:#52606d">[[t:mail.link_fallback]]<br><a href="{{SIGNIN_LINK}}" style="color:#1f5fbf;word-break:break-all">{{SIGNIN_LINK}}</a><br><a href="{{RESET_LINK}}" style="color:#1f5fbf;word-break:break-all">{{RESET_LINK}}</a></p>
<p>{{IGNORE}}</p>
