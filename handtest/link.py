import email, imaplib, re, sys, time
addr = sys.argv[1]
for _ in range(90):
    try:
        m = imaplib.IMAP4("127.0.0.1", 3143)
        m.login(addr, addr)
        m.select("INBOX")
        typ, data = m.search(None, "ALL")
        ids = data[0].split()
        if ids:
            typ, msg = m.fetch(ids[0], "(RFC822)")
            e = email.message_from_bytes(msg[0][1])
            print("Subject:", email.header.make_header(email.header.decode_header(e["Subject"])), file=sys.stderr)
            print("Message-ID:", e["Message-ID"], file=sys.stderr)
            for part in e.walk():
                if part.get_content_type() == "text/plain":
                    text = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
                    found = re.search(r"https?://[^\s\"<>]+/status/[A-Za-z0-9._~-]+", text)
                    if found:
                        print(found.group(0))
                        sys.exit(0)
            sys.exit("no status link in the mail")
    except imaplib.IMAP4.error:
        pass
    time.sleep(1)
sys.exit("no mail")
