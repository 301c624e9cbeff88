"""How vendors name things: words (Japanese and English) for the standard's items and records,
beside the catalogue's own labels and definitions, for ``mapping init``.

Why here and not as ``aliases`` in ``standard/<v>/records/*.yaml``: in the standard, an item's
``aliases`` are its *former keys* — they drive rename detection in ``standard diff``, the
migrations, and the site shows them as 旧名 — so vendor words there would be read as renames.
And 1.0 and 1.1 are released and frozen (``standard/frozen/``): the freeze lets only editorial
changes through, and the diff does not even classify a change of ``aliases``, so such an edit would
slip past ``check-compat`` while changing a released catalogue. Vendor vocabulary is converter
knowledge, the same for every version (an entry whose item a version lacks is simply not offered);
a later version may add an editorial ``vendor_terms`` attribute and move these words there.

Keys are standard paths: ``record.item[.field]`` for non-repeating records, ``record:item[.field]``
inside a repeating record; ``record`` keys give the words for a whole record (a 区分 value).
"""

from __future__ import annotations

__all__ = ["FIELD_WORDS", "RECORD_WORDS"]

FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "person.name": ("氏名", "名前", "お名前", "姓名", "本人氏名", "name", "full name", "display name"),
    "person.name#kana": (
        "フリガナ",
        "ふりがな",
        "シメイ",
        "カナ氏名",
        "氏名カナ",
        "よみ",
        "よみがな",
        "yomi",
        "kana",
        "furigana",
        "name kana",
    ),
    "person.birth_date": ("生年月日", "誕生日", "生まれ", "birthday", "birth date", "date of birth", "dob"),
    "person.sex": ("性別", "gender", "sex"),
    "person.residence_address": ("住所", "現住所", "所在地", "address", "addr", "home address"),
    "person.residence_address.postal_code": ("郵便番号", "〒", "zip", "zip code", "postcode", "postal code"),
    "person.residence_address.prefecture": ("都道府県", "県", "pref", "prefecture", "state"),
    "person.residence_address.city": ("市区町村", "市町村", "city"),
    "person.residence_address.town": ("町名", "町域", "町字", "町", "street", "town"),
    "person.residence_address.block": ("番地", "番地以下", "丁目番地", "block"),
    "person.residence_address.building": ("建物名", "マンション名", "building"),
    "person.phones[0]": (
        "電話番号",
        "自宅電話",
        "自宅電話番号",
        "電話",
        "tel",
        "phone",
        "telephone",
        "home phone",
    ),
    "person.phones[1]": ("携帯番号", "携帯電話", "携帯電話番号", "携帯", "mobile", "cell", "cellphone"),
    "person.emails[0]": ("メール", "メールアドレス", "eメール", "mail", "email", "e-mail"),
    "note_info.written_on": ("更新日", "記入日", "登録日", "作成日", "最終更新日", "updated", "last updated"),
    "deposit_account:bank.name": ("金融機関名", "金融機関", "銀行名", "銀行", "bank", "bank name"),
    "deposit_account:bank_code": ("金融機関コード", "銀行コード", "bank code"),
    "deposit_account:branch_name": ("支店名", "支店", "branch", "branch name"),
    "deposit_account:branch_code": ("支店コード", "店番", "branch code"),
    "deposit_account:deposit_type": ("口座種別", "預金種別", "預金種目", "種目", "account type"),
    "deposit_account:account_number": ("口座番号", "account number", "account no", "no"),
    "life_insurance:contract.counterparty.name": (
        "保険会社",
        "保険会社名",
        "insurer",
        "company",
        "insurance company",
    ),
    "life_insurance:contract.contract_number": ("証券番号", "保険証券番号", "policy number", "policy no"),
    "life_insurance:sum_insured.amount": ("保険金額", "保険金", "死亡保険金", "sum insured", "amount"),
    "life_insurance:insurance_kind": ("保険種類", "保険の種類", "種類", "insurance kind"),
    "utility:utility_kind": ("契約種別", "種別", "kind"),
    "utility:contract.counterparty.name": ("契約先", "事業者", "会社名", "provider", "supplier"),
    "utility:contract.customer_number": ("お客様番号", "契約番号", "customer number"),
    "digital_account:service_name": ("サービス名", "サービス", "service", "service name"),
    "digital_account:account_id_hint": ("ユーザーID", "アカウント", "ID", "handle", "user id"),
    "digital_account:desired_action": ("死後の希望", "希望", "wish", "after death"),
    "personal_message:message": ("メッセージ", "本文", "message", "text"),
    "personal_message:recipient_name": ("宛先", "宛名", "to", "recipient"),
    "family_member:name": ("氏名", "名前", "name"),
    "family_member:relationship": ("続柄", "関係", "relationship", "relation"),
    "family_member:birth_date": ("生年月日", "誕生日", "birthday"),
    "funeral_wishes.funeral_type": ("葬儀形式", "葬儀の形式", "形式"),
    "funeral_wishes.religion": ("宗教", "religion"),
    "funeral_wishes.denomination": ("宗派", "denomination"),
    "funeral_wishes.requests": ("要望", "希望", "requests"),
}

RECORD_WORDS: dict[str, tuple[str, ...]] = {
    "person": ("本人", "基本情報", "プロフィール", "profile", "person"),
    "deposit_account": ("預金", "貯金", "預貯金", "銀行口座", "口座", "bank", "deposit", "banks"),
    "life_insurance": ("保険", "生命保険", "insurance"),
    "non_life_insurance": ("損害保険", "火災保険", "自動車保険"),
    "utility": ("公共料金", "ライフライン", "光熱費", "utility", "utilities"),
    "funeral_wishes": ("葬儀", "お葬式", "funeral"),
    "family_member": ("家族", "親族", "family"),
    "digital_account": ("SNS", "アカウント", "デジタル", "sns", "digital", "service"),
    "personal_message": ("メッセージ", "伝言", "messages", "message"),
    "securities_account": ("証券", "株式", "securities"),
    "real_estate": ("不動産", "real estate"),
    "liability": ("借入", "ローン", "負債", "loan"),
    "pet": ("ペット", "pet"),
}

# What values say about their field when the header does not (項目1 …): a pattern most values
# match → a vocabulary key above.
VALUE_WORDS: tuple[tuple[str, str], ...] = (
    (r"(銀行|信用金庫|信金|信用組合|農協|労働金庫|ゆうちょ)$", "deposit_account:bank.name"),
    (r"(支店|本店|出張所|営業部)$", "deposit_account:branch_name"),
    (r"^[0-9]{7}$", "deposit_account:account_number"),
    (r"(生命|生命保険|損害保険|損保|共済|かんぽ)$|生命保険", "life_insurance:contract.counterparty.name"),
    (r"^[A-Z]{0,3}[0-9]{6,}$", "life_insurance:contract.contract_number"),
    (r"^受取人", "life_insurance:beneficiaries"),
    (r"(電力|ガス|水道|電気)", "utility:contract.counterparty.name"),
    (r"(寺|院|神社|教会)$", "funeral_wishes.family_temple.name"),
    (r"(宗|派)$", "funeral_wishes.denomination"),
)
