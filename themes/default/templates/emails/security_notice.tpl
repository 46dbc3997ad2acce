{{%AUTOESCAPE context="HTML"}}
{{!
  emails/security_notice: tells the account owner about a security change. Included in emails/layout as BODY; the plain-text part
  is built from the same sentences in src/web/emails.cpp.

  Dictionary contract (the BODY include dictionary):
    GREETING    "Hello Zoé," (mail.greeting)
    EVENT       mail.security_notice.event.<event> (when)
    ADVICE      mail.security_notice.advice
}}<p>{{GREETING}}</p>
<p>{{EVENT}}</p>
<p style="font-weight:bold">{{ADVICE}}</p>
