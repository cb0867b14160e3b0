"""The parts of a press release: dateline, headline, tickers, contacts, quotes, conference call, sections.

Each reader takes the release's text (a slice of one document's text, local
offsets) and returns model objects whose spans are filing-global (`base` is
added to every local offset).
"""

from __future__ import annotations

import datetime as dt
import re

from form8k.models import ConferenceCall, Contact, Dateline, Quote, TradingSymbol
from form8k.release.prose import Paragraph
from form8k.statements.fiscal import DATE_RE, parse_date

__all__ = ["is_furniture", "read_dateline", "read_headline", "read_tickers", "read_contacts", "read_quotes",
           "read_call", "section_spans", "issuer_name"]

_DATELINE = re.compile(
    r"^[ \t]*(?P<city>[A-Z][A-Z.'’\-]+(?:[ \t]+[A-Z][A-Z.'’\-]+){0,3}),[ \t]*"
    r"(?P<state>[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.]*){0,2}?)"
    r"(?:(?:[ \t]*,[ \t]*|[ \t]*[-–—]+[ \t]*|[ \t]+)(?P<date>" + DATE_RE + r"))?"
    r"(?:[ \t]*(?:--|[-–—])?[ \t]*(?P<wire>\((?:[A-Za-z .]*)(?:WIRE|Wire|wire)[A-Za-z .]*\)|"
    r"/[^/\n]{0,40}(?:Newswire|NEWSWIRE|Wire|WIRE)[^/\n]{0,30}/))?"
    r"[ \t]*(?:--|[-–—])[ \t]*(?=\S)", re.M)
_ISSUER = re.compile(r"^(?P<co>[A-Z][^()]{1,80}?)(?:®|™)?\s*(?:\(|,\s+(?:a|an|the|one)\s|\s+today\b|"
                     r"\s+announced\b|\s+reported\b|\s+reports\b|\s+announces\b)")
# (?=[NATOLE]): the exchanges' first letters, tested before the names (likewise for _CALL below).
_TICKER = re.compile(
    r"\b(?=[NATOLE])(?P<ex>NYSE(?:\s+(?:American|MKT|Arca))?|NASDAQ(?:/NMS|\s*GS|\s*GM|\s*CM)?|Nasdaq(?:\s+Global\s+(?:Select\s+)?"
    r"Market|GS|GM|CM)?|AMEX|TSX(?:-V)?|OTC(?:BB|QB|QX)?|LSE|Euronext|ASX)\s*:\s*(?P<sym>[A-Z][A-Z0-9.]{0,6})\b")
_PHONE = re.compile(r"(?<![\d.])(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.\-])\d{3}[\s.\-]\d{4}(?![\d])|"
                    r"\+\d{1,3}(?:[\s.\-]\d{1,4}){2,4}")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s,;\"”)<>]+(?:\s*\n\s*[^\s,;\"”)<>]+(?=\.))?|"
                  r"\b[a-z0-9\-]+\.(?:com|net|org|io)(?:/[^\s,;\"”)<>]*)?", re.I)
_CONTACT_HEAD = re.compile(
    r"^[ \t]*(?P<head>(?:(?:press|media|investors?|investor\s+relations|public\s+relations|corporate\s+communications|"
    r"company|financial|analyst)\s+)?contacts?|investors?|media|press)\s*(?::|$|\t)", re.I | re.M)
_NAME = re.compile(r"^(?:(?:Dr|Mr|Ms|Mrs)\.\s+)?[A-Z][a-z'’\-]+(?:[A-Z][a-z]+)?(?:\s+[A-Z]\.?)?"
                   r"(?:\s+[A-Z][a-z'’\-]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?){1,2}"
                   r"(?:,?\s+(?:Jr\.|Sr\.|III|II|Ph\.?D\.?|PhD|M\.D\.|MD|CFA))?$")
_ORG = re.compile(r"\b(?:Inc|LLC|L\.L\.C|Ltd|Corp|Corporation|Company|Co|Group|Partners|Advisors|Associates|"
                  r"Communications|Relations|PR|plc|N\.V|S\.A|AG|GmbH|Agency|Holdings)\b\.?", re.I)
_TITLE_WORDS = re.compile(r"\b(?:Officer|Director|President|Vice|Manager|Head|Chief|CEO|CFO|COO|Treasurer|"
                          r"Secretary|Chairman|Chair|Partner|Analyst|Counsel|Controller|Specialist|Lead|"
                          r"Coordinator|Associate|Senior|Executive|Founder|EVP|SVP|VP)\b")
_QUOTE = re.compile(r"[“\"](?P<q>[^“”\"]{12,4000}?)[”\"]")
_SAID = r"(?:said|says|commented|comments|stated|states|added|adds|noted|notes|explained|continued|remarked)"
_WHO = r"(?:[^.“\"]|(?<=\b[A-Z])\.|(?<=\bJr)\.|(?<=\bSr)\.|(?<=\bDr)\.|(?<=\bInc)\.)"
_AFTER = re.compile(r"^\s*,?\s*" + _SAID + r"\s+(?P<who>" + _WHO + r"{3,200}?)"
                    r"(?:(?<!\b[A-Z])(?<!\bJr)(?<!\bSr)(?<!\bDr)\.(?=\s|$)|$|,?\s*[“\"])")
_AFTER_REV = re.compile(r"^\s*,?\s*(?P<who>[A-Z][^.“\",]{1,60}?)\s+" + _SAID + r"\b")
_BEFORE = re.compile(r"(?P<who>[A-Z][^.“\"]{3,200}?),?\s+" + _SAID + r"\s*[,:]?\s*$")
_TIME = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)\s*(?:\(?(?:[ECMP][SD]?T|ET|PT|CT|MT|Eastern|Pacific|"
                   r"Central|Mountain)(?:\s+(?:Standard\s+|Daylight\s+)?Time)?\)?)?", re.I)
_CALL = re.compile(r"\b(?=[cwedl])(?:conference\s+call|webcast|earnings\s+call|call\s+(?:will|to)\s+|dial-?in|live\s+audio)\b",
                   re.I)
_REPLAY = re.compile(r"\breplay\b", re.I)
_PASSCODE = re.compile(r"\b(?:pass\s?code|access\s+code|conference\s+(?:id|code)|pin|participant\s+code)"
                       r"\s*(?:number|#)?\s*(?:is)?\s*:?\s*#?(?P<code>\d{3,12})", re.I)
_UNTIL = re.compile(r"\b(?:through|until|till|ending|ends|to)\s+(?:[A-Z][a-z]+day,\s+)?(?P<date>" + DATE_RE + ")")
_FLS_HEAD = re.compile(r"forward[- ]looking\s+statements?|safe\s+harbor", re.I)
# Every alternative is anchored at the start of the text: it is used with match(), which tries no other position.
_FLS_START = re.compile(r"^[“\"]?(?:This|The)\s+(?:press|news)\s+release\s+(?:contains|includes|may\s+contain)|"
                        r"^[“\"]?Safe\s+Harbor[”\"]?|^SAFE\s+HARBOR|^Statements\s+in\s+this\s+(?:press|news)\s+release|"
                        r"^(?:Certain\s+)?(?:statements|information)\s+.{0,80}forward[- ]looking", re.I)
_ABOUT = re.compile(r"^About\s+(?P<name>.{2,80})$")
_SECTION_END = re.compile(r"^(?:#\s*#\s*#|-\s*\d+\s*-|—\s*financials|financial\s+tables|\(tables\s+follow|©|\(c\)\s*\d{4})|"
                          r"\bis\s+a\s+(?:registered\s+)?trademark\b|\bare\s+(?:registered\s+)?trademarks\b|"
                          r"\ball\s+rights\s+reserved\b", re.I)


def read_dateline(text: str, base: int, default_year: int | None = None) -> tuple[Dateline | None, int]:
    """The dateline ("CAMBRIDGE, MA, February 1, 2007 —") and the local offset where the story starts."""
    m = _DATELINE.search(text[:12000])
    if m is None:
        return None, -1
    date = parse_date(m.group("date"), default_year) if m.group("date") else None
    return Dateline(city=m.group("city").strip(), state=m.group("state").strip(" ,"), date=date,
                    span=(base + m.start("city"), base + m.end())), m.end()


def issuer_name(text: str, story_start: int) -> str | None:
    """The issuer the dateline sentence names: 'ImmunoGen, Inc. (Nasdaq: IMGN), a …' -> 'ImmunoGen, Inc.'."""
    if story_start < 0:
        return None
    m = _ISSUER.match(text[story_start:story_start + 300])
    return " ".join(m.group("co").split()).strip(" ,") if m else None


def is_furniture(line: str) -> bool:
    """Letterhead and contact lines: not a headline, not prose."""
    s = line.strip()
    return (not s or "\t" in line or bool(_PHONE.search(s)) or bool(_EMAIL.search(s))
            or bool(re.match(r"^(?:for\s+immediate\s+release|exhibit\s+\d|ex-\d|news\s+release|press\s+release)",
                             s, re.I))
            or s.endswith(":") or bool(_CONTACT_HEAD.match(s)))


def read_headline(text: str, dateline_at: int) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """Headline and sub-headline: the title lines just above the dateline (local span of the headline)."""
    if dateline_at < 0:
        return None, None, None
    line_start = text.rfind("\n", 0, dateline_at) + 1
    lines: list[tuple[int, str]] = []
    pos = line_start
    while pos > 0 and len(lines) < 8:
        prev_end = pos - 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end]
        pos = prev_start
        if not line.strip():
            continue
        if is_furniture(line) or len(line.strip()) > 300:
            break
        lines.append((prev_start, line))
    if not lines:
        return None, None, None
    lines.reverse()
    head_at, head = lines[0]
    subs = [re.sub(r"^[\s\-–—•*]+|[\s\-–—]+$", "", line) for _, line in lines[1:]]
    start = head_at + len(head) - len(head.lstrip())
    return head.strip(), "\n".join(s for s in subs if s) or None, (start, head_at + len(head.rstrip()))


def read_tickers(text: str) -> list[TradingSymbol]:
    seen: dict[tuple[str, str], TradingSymbol] = {}
    for m in _TICKER.finditer(text[:20000]):
        exchange = " ".join(m.group("ex").split())
        exchange = "Nasdaq" if exchange.upper().startswith("NASDAQ") else exchange
        key = (m.group("sym"), exchange.upper())
        seen.setdefault(key, TradingSymbol(symbol=m.group("sym"), exchange=exchange))
    return list(seen.values())


def _role(head: str) -> str | None:
    low = head.lower()
    if low.strip() in ("contact", "contacts"):
        return None
    if "investor" in low or "analyst" in low or "financial" in low:
        return "investors"
    if any(w in low for w in ("media", "press", "public relations", "communications")):
        return "media"
    return None


def read_contacts(text: str, base: int) -> list[Contact]:
    """Media and investor contacts: a 'Contacts:' block (or several) of names, titles, organisations, phones."""
    contacts: list[Contact] = []
    for m in _CONTACT_HEAD.finditer(text):
        head_line_end = text.find("\n", m.start())
        head_line_end = len(text) if head_line_end < 0 else head_line_end
        rest = text[m.end():head_line_end].strip(" \t:")
        if len(rest) > 200 or re.search(r"[a-z]{2}[.!?]\s+[A-Z]", rest):
            continue  # a sentence that happens to start with "Investors"
        block_lines: list[tuple[int, str]] = [(head_line_end - len(rest), rest)] if rest else []
        pos = head_line_end + 1
        while pos < len(text) and len(block_lines) < 24:
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line = text[pos:end]
            stripped = line.strip()
            if not stripped:
                pos = end + 1
                if block_lines and not block_lines[-1][1]:
                    break  # two blank lines end the block
                block_lines.append((pos, ""))
                continue
            if _CONTACT_HEAD.match(line) or len(stripped) > 120 or _DATELINE.match(line) or \
                    re.match(r"(?i)^for\s+immediate\s+release|^about\s", stripped) or \
                    (stripped.endswith(".") and len(stripped.split()) > 8):
                break
            block_lines.append((pos, line))
            pos = end + 1
        role = _role(m.group("head"))
        contacts.extend(_people(block_lines, role, base))
    # the same person listed twice (a one-line "Media:" entry found inside another block) counts once
    unique: dict[str | None, Contact] = {}
    for c in contacts:
        if c.name not in unique or c.name is None:
            unique[c.name if c.name else str(len(unique))] = c
    for c in contacts:
        if c.role is None:
            affiliation = f"{c.organization or ''} {c.title or ''}".lower()
            c.role = "investors" if "investor" in affiliation else \
                "media" if re.search(r"communications|media|press|public relations", affiliation) else None
    return [c for c in unique.values() if c.name or c.email or c.phone]


def _people(lines: list[tuple[int, str]], role: str | None, base: int) -> list[Contact]:
    """People of a contacts block given as (local offset, line) pairs."""
    if any("\t" in line for _, line in lines):
        # side-by-side columns: one person per column
        columns: list[list[tuple[int, str]]] = []
        for at, line in lines:
            col = 0
            for cell in line.split("\t"):
                if cell.strip():
                    while len(columns) <= col:
                        columns.append([])
                    columns[col].append((at + line.find(cell), cell.strip()))
                    col += 1
        out: list[Contact] = []
        for column in columns:
            out.extend(_people(column, role, base))
        return out
    people: list[Contact] = []
    current: Contact | None = None
    for at, raw in lines:
        line = raw.strip()
        if not line:
            continue
        line_span = (base + at + len(raw) - len(raw.lstrip()), base + at + len(raw.rstrip()))
        sub_role = _role(line) if re.match(r"^(?:investors?|media|press)\b\s*:?", line, re.I) else None
        if sub_role is not None:
            line = re.sub(r"^(?:investors?(?:\s+relations)?|media|press)\b\s*:?\s*", "", line, flags=re.I)
            current = None
            if not line:
                role = sub_role
                continue
            role = sub_role
        emails = _EMAIL.findall(line)
        phones = _PHONE.findall(line)
        rest = _PHONE.sub(" ", _EMAIL.sub(" ", line))
        rest = re.sub(r"\b(?:tel|phone|fax|email|e-mail|office|mobile|cell)\b\s*:?", " ", rest, flags=re.I).strip(" ,;")
        name, tail = _split_name(rest, single_line=bool(emails or phones))
        if name:
            current = Contact(name=name, role=role, span=line_span)
            people.append(current)
            rest = tail
        if current is None:
            if not (emails or phones or rest):
                continue
            current = Contact(role=role, span=line_span)
            people.append(current)
        current.span = (current.span[0] if current.span else line_span[0], line_span[1])
        if rest:
            if current.title and rest[:1].islower():
                current.title = f"{current.title} {rest}"  # "and Corporate Communications" goes on the title
            elif _TITLE_WORDS.search(rest) and current.title is None:
                current.title = rest
            elif current.organization is None:
                current.organization = rest
        if emails and current.email is None:
            current.email = emails[0]
        if phones and current.phone is None:
            current.phone = phones[0].strip()
    return people


def _split_name(text: str, single_line: bool = False) -> tuple[str | None, str]:
    """'Thomas B. Heacock, Chief Financial Officer' -> name, title; 'Kathryn Morris KMorrisPR' -> name, org."""
    if not text or _ORG.search(text):
        return None, text
    if _NAME.match(text) and not _ORG.search(text) and not _TITLE_WORDS.search(text):
        return text, ""
    head, sep, tail = text.partition(",")
    if sep and _NAME.match(head.strip()) and not _ORG.search(head) and not _TITLE_WORDS.search(head):
        if re.fullmatch(r"\s*(?:Ph\.?D\.?|PhD|M\.D\.|MD|CFA|Jr\.|Sr\.|III|II)\s*", tail):
            return text.strip(), ""
        return head.strip(), tail.strip()
    words = text.split()
    for n in ((3, 2) if single_line else ()):
        if len(words) > n:
            cand = " ".join(words[:n])
            if _NAME.match(cand) and not _ORG.search(cand) and not _TITLE_WORDS.search(cand) and \
                    not any(w.isupper() and len(w) > 1 for w in words[:n]):
                return cand, " ".join(words[n:])
    return None, text


def _speaker(who: str) -> tuple[str | None, str | None]:
    """'Mitchel Sayare, Chairman and CEO' / 'Chairman and CEO Alan J. Lacy' / 'Steve Jobs, Apple's CEO'."""
    who = re.sub(r"\s+", " ", who).strip(" ,.")
    who = re.sub(r"^(?:Dr|Mr|Ms|Mrs)\.\s+", "", who)
    name_re = re.compile(r"^(?:Dr\.\s+)?[A-Z][a-zA-Z'’\-]+(?:\s+[A-Z]\.)*(?:\s+[A-Z][a-zA-Z'’\-]+){1,2}$")
    head, sep, tail = who.partition(",")
    if sep and name_re.match(head.strip()) and not _TITLE_WORDS.search(head):
        title = re.sub(r"^(?:[A-Z][\w&.]*[’']s)\s+", "", tail.strip())  # "Apple's CEO" -> "CEO"
        return head.strip(), title or None
    words = who.split()
    name_words: list[str] = []
    for w in reversed(words):
        if (w[:1].isupper() and not _TITLE_WORDS.fullmatch(w) and w.lower() not in ("and", "of")) or \
                re.fullmatch(r"[A-Z]\.", w):
            name_words.insert(0, w)
            if len(name_words) == 4:
                break
        else:
            break
    if len(name_words) >= 2:
        title_words = words[:len(words) - len(name_words)]
        # "Oracle President and CFO Safra Catz": a leading company name is not part of the title
        while title_words and not _TITLE_WORDS.fullmatch(title_words[0]) and title_words[0].lower() not in ("co-",):
            if _TITLE_WORDS.search(" ".join(title_words[1:])) is None:
                break
            title_words = title_words[1:]
        return " ".join(name_words), " ".join(title_words) or None
    if len(name_words) == 1:
        return name_words[0], None
    return None, None


def read_quotes(paras: list[Paragraph], base: int, company: str | None = None) -> list[Quote]:
    """Quotations with their speakers: '"…," said Steve Jobs, Apple's CEO.'; '… commented, "…"'."""
    quotes: list[Quote] = []
    speakers: dict[str, tuple[str, str | None]] = {}
    last: Quote | None = None
    last_para = -2
    for pi, para in enumerate(paras):
        text = para.text
        for m in _QUOTE.finditer(text):
            after, before = text[m.end():m.end() + 250], text[max(0, m.start() - 250):m.start()]
            who: str | None = None
            a = _AFTER.match(after) or None
            if a is not None:
                who = a.group("who")
            elif (r := _AFTER_REV.match(after)) is not None:
                who = r.group("who")
            elif (b := _BEFORE.search(before)) is not None:
                who = b.group("who")
                who = re.split(r"[.;]\s+", who)[-1]
            name, title = _speaker(who) if who else (None, None)
            short = (company or "").split(",")[0].split(" ")[0]
            if title and short:
                # "chairman and CEO, Adobe", "Chairman and CEO, Apple Computer Inc.": the issuer is not the title
                title = re.sub(r",\s*" + re.escape(short) + r"\b[^,]*$", "", title)
            if name and " " not in name:
                for full, (_, t) in speakers.items():  # "… ," Lacy said.
                    if full.split()[-1] == name:
                        name, title = full, title or t
                        break
            span = para.doc_span(m.start("q"), m.end("q"))
            body = m.group("q").strip()
            if name is None and last is not None and pi - last_para <= 1:
                last.text = f"{_close(last.text)} {body}"  # the speaker goes on in the next sentence or paragraph
                last.span = (last.span[0] if last.span else base + span[0], base + span[1])
                last_para = pi
                continue
            if name is None:
                last = None
                continue
            if name:
                speakers.setdefault(name, (name, title))
                title = title or speakers[name][1]
            if last is not None and last.speaker == name and pi - last_para <= 1:
                last.text = f"{_close(last.text)} {body}"
                last.span = (last.span[0] if last.span else base + span[0], base + span[1])
                last_para = pi
                continue
            last = Quote(speaker=name, title=title, text=body, span=(base + span[0], base + span[1]))
            last_para = pi
            quotes.append(last)
    return quotes


def _close(text: str) -> str:
    """A quoted sentence cut by its attribution ('… projected expenses," commented …') ends with a period."""
    return text[:-1] + "." if text.endswith(",") else text


def read_call(paras: list[Paragraph], base: int, release_date: dt.date | None) -> ConferenceCall | None:
    """The conference call or webcast: when, the dial-in, the passcode, the URL, the replay."""
    picked: list[Paragraph] = []
    for i, p in enumerate(paras):
        if _FLS_START.match(p.text) or "forward-looking" in p.text.lower():
            continue
        if _CALL.search(p.text) and not p.is_heading:
            picked.append(p)
            for q in paras[i + 1:i + 3]:
                if not q.is_heading and (_REPLAY.search(q.text) or _PHONE.search(q.text) or _PASSCODE.search(q.text)):
                    picked.append(q)
            break
    if not picked:
        return None
    call = ConferenceCall()
    text = " ".join(p.text for p in picked)
    replay_at = _REPLAY.search(text)
    live = text[:replay_at.start()] if replay_at else text
    replay = text[replay_at.start():] if replay_at else ""
    dates = [d for d in (parse_date(m.group(0), release_date.year if release_date else None)
                         for m in re.finditer(DATE_RE, live)) if d]
    if dates:
        call.date = dates[0]
    elif re.search(r"\btoday\b", live, re.I) and release_date is not None:
        call.date = release_date
    tm = _TIME.search(live)
    call.time = " ".join(tm.group(0).split()) if tm else None
    dial = re.search(r"(?:dial|dialing|calling|call-in|toll[- ]free)[^.]{0,80}?(?P<n>" + _PHONE.pattern + ")", live, re.I)
    phones = [m.group(0) for m in _PHONE.finditer(live)]
    call.phone = dial.group("n") if dial else (phones[0] if phones else None)
    intl = re.search(r"international[^.]{0,60}?(?P<n>" + _PHONE.pattern + ")", live, re.I)
    call.international_phone = intl.group("n") if intl else None
    code = _PASSCODE.search(live)
    call.passcode = code.group("code") if code else None
    url = _URL.search(live)
    call.url = re.sub(r"\s+", "", url.group(0)).rstrip(".") if url else None
    if replay:
        rp = _PHONE.search(replay)
        call.replay_phone = rp.group(0) if rp else None
        until = _UNTIL.search(replay)
        if until is not None:
            call.replay_until = parse_date(until.group("date"), release_date.year if release_date else None)
        if call.passcode is None and (code := _PASSCODE.search(replay)) is not None:
            call.passcode = code.group("code")
    a, _ = picked[0].doc_span(0, 1)
    _, b = picked[-1].doc_span(len(picked[-1].text) - 1, len(picked[-1].text))
    call.span = (base + a, base + b)
    return call


def section_spans(paras: list[Paragraph], base: int, company: str | None) -> tuple[tuple[int, int] | None,
                                                                                    tuple[int, int] | None]:
    """Spans of the forward-looking-statements section and the 'About <company>' section."""
    fls: tuple[int, int] | None = None
    about: tuple[int, int] | None = None
    abouts: list[tuple[str, int, int]] = []
    i = 0
    n = len(paras)
    while i < n:
        p = paras[i]
        text = p.text.strip()
        is_head = p.is_heading or bool(_ABOUT.match(text) and len(text) < 90)
        if fls is None and ((is_head and _FLS_HEAD.search(text)) or _FLS_START.match(text)):
            j = i + 1 if not is_head or not _FLS_START.match(text) else i + 1
            while j < n and not paras[j].is_heading and not _ABOUT.match(paras[j].text.strip()) and \
                    not _SECTION_END.search(paras[j].text.strip()) and not _CONTACT_HEAD.match(paras[j].text) and \
                    not _describes(paras[j].text, company):
                j += 1
            fls = _span(paras, i, j, base)
            if j < n and _describes(paras[j].text, company) and not abouts:
                # an "about" paragraph with no heading ("Apple designs Macs, …") right after the safe harbor
                k = j + 1
                while k < n and not paras[k].is_heading and not _CONTACT_HEAD.match(paras[k].text):
                    k += 1
                abouts.append((company or "", j, k))
                j = k
            i = j
            continue
        m = _ABOUT.match(text) if is_head else None
        if m is not None:
            j = i + 1
            while j < n and not paras[j].is_heading and not _FLS_START.match(paras[j].text) and \
                    not _ABOUT.match(paras[j].text.strip()) and not _SECTION_END.search(paras[j].text.strip()) and \
                    not _CONTACT_HEAD.match(paras[j].text):
                j += 1
            abouts.append((m.group("name"), i, j))
            i = j
            continue
        i += 1
    if abouts:
        name_low = (company or "").lower().split(",")[0].split()[0] if company else ""
        chosen = next((a for a in abouts if name_low and a[0].lower().startswith(name_low)), abouts[-1])
        about = _span(paras, chosen[1], chosen[2], base)
    return fls, about


def _describes(text: str, company: str | None) -> bool:
    """A paragraph that describes the company: 'Apple designs Macs …', 'Oracle engineers hardware …'."""
    if not company:
        return False
    short = company.split(",")[0].split(" ")[0]
    return bool(re.match(re.escape(short) + r"(?:®|™)?(?:,?\s+Inc\.?)?\s+(?:is|designs|develops|revolutionized|leads|"
                         r"engineers|provides|was\s+founded|operates|offers|makes|manufactures|delivers|helps)\b",
                         text.strip()))


def _span(paras: list[Paragraph], i: int, j: int, base: int) -> tuple[int, int]:
    last = paras[max(i, j - 1)]
    a, _ = paras[i].doc_span(0, 1)
    _, b = last.doc_span(len(last.text) - 1, len(last.text))
    return base + a, base + b
