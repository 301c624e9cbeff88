# Generated from standard/1.1/ by `endingnote standard build`. Do not edit.
"""Typed models of the ending-note standard 1.1: Ending-note data standard 1.1."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, model_validator
from pydantic import Field as PydField

STANDARD_VERSION = '1.1'


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, strict=True)

    @model_validator(mode="after")
    def _no_nulls(self) -> _Model:
        """The schema has no nulls: an absent item is omitted, never written as null."""
        for key in self.model_fields_set:
            if getattr(self, key) is None:
                raise ValueError(f"{key}: null is not allowed; omit the item")
        return self


class PersonName(_Model):
    """氏名 / Person name"""

    family: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=50, min_length=1, description='Family name')
    given: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=50, min_length=1, description='Given name')
    family_kana: str | None = PydField(None, pattern='^[ァ-ヶー・ \u3000]+$', max_length=100, description='Family name (kana)')
    given_kana: str | None = PydField(None, pattern='^[ァ-ヶー・ \u3000]+$', max_length=100, description='Given name (kana)')
    family_latn: str | None = PydField(None, pattern="^[A-Z][A-Z .'-]*$", max_length=100, description='Family name (romaji)')
    given_latn: str | None = PydField(None, pattern="^[A-Z][A-Z .'-]*$", max_length=100, description='Given name (romaji)')


class RegisterName(_Model):
    """戸籍上の氏名表記 / Family-register name form"""

    text: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Text')
    mj_ids: list[Annotated[str, PydField(pattern='^MJ[0-9]{6}$', min_length=1)]] | None = PydField(None, description='MJ character ids')
    ivs_sequence: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Text with IVS')
    fallback_jisx0213: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='JIS X 0213 fallback')


class Address(_Model):
    """住所 / Address"""

    postal_code: str | None = PydField(None, pattern='^[0-9]{7}$', description='Postal code')
    local_government_code: str | None = PydField(None, pattern='^[0-9]{6}$', description='Local government code')
    street_address_id: str | None = PydField(None, pattern='^[0-9]{7}$', min_length=1, description='Town id (ABR)')
    prefecture: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=10, min_length=1, description='Prefecture')
    city: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=30, min_length=1, description='City/ward/town/village')
    town: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=60, min_length=1, description='Town and chome')
    block: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=60, min_length=1, description='Block and lot')
    building: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Building')


class ContactPoint(_Model):
    """連絡先 / Contact point"""

    phones: list[Annotated[str, PydField(pattern='^\\+?[0-9][0-9()\\-,]{1,22}$')]] | None = PydField(None, description='Phone numbers')
    emails: list[Annotated[str, PydField(pattern='^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', max_length=254)]] | None = PydField(None, description='E-mail addresses')
    address: Address | None = PydField(None, description='Address')
    url: str | None = PydField(None, pattern='^https?://[^\\s]+$', max_length=2000, description='URL')


class Organisation(_Model):
    """組織 / Organisation"""

    name: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Name')
    name_kana: str | None = PydField(None, pattern='^[ァ-ヶー・ \u3000]+$', max_length=200, description='Name (kana)')
    corporate_number: str | None = PydField(None, pattern='^[1-9][0-9]{12}$', description='Corporate number')
    contact: ContactPoint | None = PydField(None, description='Contact point')


class Money(_Model):
    """金額 / Money"""

    amount: int = PydField(ge=0, description='Amount')
    currency: Literal['JPY', 'USD', 'EUR'] | None = PydField(None, description='Currency')


class DocumentLocation(_Model):
    """書類の保管場所 / Document location"""

    place: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Place')
    custodian: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Custodian')
    note: str | None = PydField(None, max_length=1000, min_length=1, description='Note')


class MediaReference(_Model):
    """添付ファイル参照 / Media reference"""

    file: str = PydField(pattern='^[A-Za-z0-9._/-]{1,200}$', min_length=1, description='File name')
    media_type: str | None = PydField(None, pattern='^[a-z]+/[A-Za-z0-9.+-]+$', min_length=1, description='Media type')
    sha256: str | None = PydField(None, pattern='^[0-9a-f]{64}$', min_length=1, description='SHA-256')
    caption: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Caption')


class Contract(_Model):
    """契約 / Contract"""

    counterparty: Organisation = PydField(description='Counterparty')
    customer_number: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=50, min_length=1, description='Customer number')
    contract_number: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=50, min_length=1, description='Contract number')
    plan: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Plan')
    payment_method: Literal['bank_debit', 'credit_card', 'invoice', 'carrier_billing', 'app_store', 'cash', 'other'] | None = PydField(None, description='Payment method')
    debit_account: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Debit account')
    desired_action: Literal['cancel', 'transfer', 'keep', 'memorialize', 'delete', 'download', 'undecided'] | None = PydField(None, description='Desired action after death')
    documents: DocumentLocation | None = PydField(None, description='Where the contract papers are')
    note: str | None = PydField(None, max_length=1000, min_length=1, description='Note')


class RegisterReading(_Model):
    """戸籍上の氏名の振り仮名 / Register name reading"""

    family: str = PydField(pattern='^[ァ-ヶー・ \u3000]+$', max_length=100, description='Family-name reading')
    given: str | None = PydField(None, pattern='^[ァ-ヶー・ \u3000]+$', max_length=100, description='Given-name reading')
    source: Literal['notified', 'filed', 'ex_officio', 'birth_report'] = PydField(description='Source')
    recorded_on: datetime.date | None = PydField(None, description='Recorded on')


class PersonRecord(_Model):
    """本人 / The person"""

    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    name: PersonName = PydField(description='Name')
    birth_date: datetime.date = PydField(description='Date of birth')
    sex: Literal['0', '1', '2', '9'] | None = PydField(None, description='Sex')
    residence_address: Address = PydField(description='Residential address')
    register_name: RegisterName | None = PydField(None, description='Family-register name form')
    registered_domicile: Address | None = PydField(None, description='Registered domicile')
    family_register_head: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Head of the family register')
    birth_place: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Place of birth')
    nationality: str | None = PydField(None, pattern='^[A-Z]{3}$', description='Nationality')
    phones: list[Annotated[str, PydField(pattern='^\\+?[0-9][0-9()\\-,]{1,22}$')]] | None = PydField(None, description='Phone numbers')
    emails: list[Annotated[str, PydField(pattern='^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', max_length=254)]] | None = PydField(None, description='E-mail addresses')
    employer: Organisation | None = PydField(None, description='Employer')
    photo: MediaReference | None = PydField(None, description='Photo of the person')
    name_furigana: RegisterReading | None = PydField(None, description='Name reading in the family register')


class OtherNameRecord(_Model):
    """旧姓・通称 / Other names"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    name_type: Literal['maiden_name', 'former_name', 'alias', 'pen_name', 'religious_name', 'other'] = PydField(description='Name type')
    name: PersonName = PydField(description='Name')
    start_date: datetime.date | None = PydField(None, description='Used from')
    end_date: datetime.date | None = PydField(None, description='Used until')


class IdentityDocumentRecord(_Model):
    """本人確認書類 / Identity documents"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    document_type: Literal['driving_licence', 'passport', 'residence_card', 'disability_certificate', 'driving_history_certificate', 'other'] = PydField(description='Document type')
    number: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=30, min_length=1, description='Number')
    issuer: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Issuer')
    issue_date: datetime.date | None = PydField(None, description='Issue date')
    expiry_date: datetime.date | None = PydField(None, description='Expiry date')
    location: DocumentLocation | None = PydField(None, description='Where it is kept')


class PublicIdRecord(_Model):
    """公的な番号と証書 / Public numbers and certificates"""

    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    my_number_location: DocumentLocation | None = PydField(None, description='Where the My Number card is kept')
    basic_pension_number: str | None = PydField(None, pattern='^[0-9]{4}-?[0-9]{6}$', min_length=1, description='Basic pension number')
    pension_book_location: DocumentLocation | None = PydField(None, description='Where the pension book is kept')
    registered_seal_location: DocumentLocation | None = PydField(None, description='Where the registered seal is kept')


class NoteInfoRecord(_Model):
    """ノートの記入情報 / About this note"""

    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    written_on: datetime.date | None = PydField(None, description='Written on')
    updated_at: AwareDatetime | None = PydField(None, description='Last updated')
    paper_copy_location: DocumentLocation | None = PydField(None, description='Where the paper note is kept')


class DigitalAccountRecord(_Model):
    """オンラインアカウント / Online accounts"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    service_name: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Service')
    account_kind: Literal['sns', 'email', 'cloud_storage', 'platform_id', 'shopping', 'blog', 'game', 'messaging', 'other'] | None = PydField(None, description='Kind')
    account_id_hint: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Account hint')
    credential_location: DocumentLocation | None = PydField(None, description='Where the credentials are')
    desired_action: Literal['cancel', 'transfer', 'keep', 'memorialize', 'delete', 'download', 'undecided'] | None = PydField(None, description='Desired action')
    legacy_setting: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Legacy setting')
    recovery_codes_location: DocumentLocation | None = PydField(None, description='Where the recovery codes are')
    memorial_wishes: str | None = PydField(None, max_length=2000, min_length=1, description='Memorial wishes')


class DeviceRecord(_Model):
    """スマホ・パソコン / Devices"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    device_kind: Literal['smartphone', 'feature_phone', 'tablet', 'pc', 'external_storage', 'camera', 'other'] = PydField(description='Kind')
    model: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Model')
    unlock_hint_location: DocumentLocation | None = PydField(None, description='Where the unlock instructions are')
    data_wishes: Literal['cancel', 'transfer', 'keep', 'memorialize', 'delete', 'download', 'undecided'] | None = PydField(None, description='Data wishes')
    note: str | None = PydField(None, max_length=1000, min_length=1, description='Note')


class CredentialStoreRecord(_Model):
    """ID・パスワードの保管方法 / Where credentials are kept"""

    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    location: DocumentLocation = PydField(description='Location')
    tool_name: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Tool')
    access_instructions: str | None = PydField(None, max_length=2000, min_length=1, description='How the family gets access')


class LegacySettingRecord(_Model):
    """死後のアカウント設定 / Legacy settings"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    platform: Literal['apple_legacy_contact', 'google_inactive_account_manager', 'meta_legacy_contact', 'other'] = PydField(description='Feature')
    configured: bool | None = PydField(None, description='Configured')
    configured_on: datetime.date | None = PydField(None, description='Configured on')
    contact: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Legacy contact')
    access_key_location: DocumentLocation | None = PydField(None, description='Where the access key is')
    inactivity_months: int | None = PydField(None, ge=3, le=18, description='Inactivity period (months)')
    trusted_contacts: list[Annotated[str, PydField(pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')]] | None = PydField(None, description='Trusted contacts')
    account: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Account')
    shared_data: list[Literal['photos', 'mail', 'files', 'contacts', 'messages', 'notes', 'other']] | None = PydField(None, description='Data shared')
    delete_account: bool | None = PydField(None, description='Delete the account')
    verified_on: datetime.date | None = PydField(None, description='Last verified')


class ScheduledMessageRecord(_Model):
    """死後送信メッセージ / Scheduled messages"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    service: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Service')
    recipients: list[Annotated[str, PydField(pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')]] | None = PydField(None, description='Recipients')
    send_condition: str | None = PydField(None, max_length=1000, min_length=1, description='Condition')
    summary: str | None = PydField(None, max_length=2000, min_length=1, description='Summary')


class DisclosureRuleRecord(_Model):
    """開示ルール / Disclosure rules"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    section: Literal['all', 'category:basic', 'category:family', 'category:medical_care', 'category:funeral_burial', 'category:services', 'category:inheritance', 'category:digital', 'category:personal', 'acquaintance', 'allergy', 'burial_wishes', 'care_service', 'care_wishes', 'credential_store', 'deposit_account', 'device', 'digital_account', 'disclosure_rule', 'emergency_contact', 'family_member', 'family_records', 'family_register_link', 'funeral_arrangement', 'funeral_wishes', 'grave', 'greeting_cards', 'health_insurance_card', 'identity_document', 'important_document', 'internet_service', 'keepsake', 'legacy_setting', 'liability', 'life_event', 'life_insurance', 'life_plan', 'medical_condition', 'medical_profile', 'medical_provider', 'medication', 'memoir', 'mobile_phone', 'non_life_insurance', 'note_info', 'obituary_contact', 'online_account', 'other_contract', 'other_name', 'payment_card', 'pension', 'person', 'personal_message', 'pet', 'posthumous_mandate', 'profile', 'public_id', 'real_estate', 'receivable', 'scheduled_message', 'securities_account', 'stored_value', 'subscription', 'surgery', 'utility', 'valuable', 'vehicle', 'will'] = PydField(description='Section')
    audience: Literal['all_heirs', 'named_persons', 'executor', 'nobody'] = PydField(description='Audience')
    persons: list[Annotated[str, PydField(pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')]] | None = PydField(None, description='Named persons')
    note: str | None = PydField(None, max_length=1000, min_length=1, description='Note')


class FamilyMemberRecord(_Model):
    """家族・親族 / Family members"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    name: PersonName = PydField(description='Name')
    relationship: Literal['spouse', 'child', 'father', 'mother', 'sibling', 'grandchild', 'grandparent', 'child_in_law', 'parent_in_law', 'nephew_niece', 'uncle_aunt', 'cousin', 'partner', 'other_relative', 'non_relative'] = PydField(description='Relationship')
    birth_date: datetime.date | None = PydField(None, description='Date of birth')
    death_date: datetime.date | None = PydField(None, description='Date of death')
    contact: ContactPoint | None = PydField(None, description='Contact')
    presumptive_heir: bool | None = PydField(None, description='Presumptive heir')
    note: str | None = PydField(None, max_length=1000, min_length=1, description='Note')
    name_furigana: RegisterReading | None = PydField(None, description='Name reading in the family register')


class EmergencyContactRecord(_Model):
    """緊急連絡先 / Emergency contacts"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    family_member: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Family member')
    name: PersonName = PydField(description='Name')
    relationship: Literal['spouse', 'child', 'father', 'mother', 'sibling', 'grandchild', 'grandparent', 'child_in_law', 'parent_in_law', 'nephew_niece', 'uncle_aunt', 'cousin', 'partner', 'other_relative', 'non_relative'] | None = PydField(None, description='Relationship')
    contact: ContactPoint = PydField(description='Contact')
    priority: int | None = PydField(None, ge=1, description='Priority')


class ObituaryContactRecord(_Model):
    """訃報連絡先 / Obituary contacts"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    name: PersonName = PydField(description='Name')
    relationship_note: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Relationship')
    contact: ContactPoint | None = PydField(None, description='Contact')
    notify_timing: Literal['immediately', 'after_funeral', 'mourning_card', 'do_not_notify', 'leave_to_family'] | None = PydField(None, description='When to notify')
    attend_funeral: bool | None = PydField(None, description='Invite to the funeral')
    group: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Group')


class AcquaintanceRecord(_Model):
    """友人・知人 / Friends and acquaintances"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    name: PersonName = PydField(description='Name')
    group: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Group')
    contact: ContactPoint | None = PydField(None, description='Contact')
    note: str | None = PydField(None, max_length=1000, min_length=1, description='Note')


class GreetingCardsRecord(_Model):
    """年賀状・喪中はがき / Greeting and mourning cards"""

    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    mourning_card_policy: Literal['send_all', 'send_listed', 'do_not_send', 'leave_to_family'] | None = PydField(None, description='Mourning-card policy')
    address_list_location: DocumentLocation | None = PydField(None, description='Where the address list is')


class FamilyRecordsRecord(_Model):
    """戸籍・相続関係の資料 / Family-register papers"""

    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    family_tree: MediaReference | None = PydField(None, description='Family tree')
    heir_map: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Statutory heir information map')
    register_copies_location: DocumentLocation | None = PydField(None, description='Where register copies are kept')
    note: str | None = PydField(None, max_length=2000, min_length=1, description='Note')


class FamilyRegisterLinkRecord(_Model):
    """戸籍電子証明書提供用識別符号 / Family-register e-certificate provision code"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    provision_code: str = PydField(pattern='^[0-9]{16}$', min_length=1, description='Provision code')
    register_kind: Literal['koseki', 'joseki'] = PydField(description='Kind of register')
    issued_on: datetime.date = PydField(description='Issued on')
    expires_on: datetime.date = PydField(description='Expires on')
    obtained_via: Literal['counter', 'mynaportal'] | None = PydField(None, description='Obtained via')
    registered_domicile: Address | None = PydField(None, description='Registered domicile')
    register_head: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Head of the register')
    subject: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Subject')


class FuneralWishesRecord(_Model):
    """葬儀の希望 / Funeral wishes"""

    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    funeral_type: Literal['general', 'family', 'one_day', 'direct_cremation', 'company', 'farewell_party', 'no_funeral', 'leave_to_family'] | None = PydField(None, description='Funeral type')
    religion: Literal['buddhism', 'shinto', 'christianity', 'other_religion', 'non_religious', 'unknown'] | None = PydField(None, description='Religion')
    denomination: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Denomination')
    family_temple: Organisation | None = PydField(None, description='Family temple or church')
    chief_mourner: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Chief mourner')
    posthumous_name: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=50, min_length=1, description='Posthumous name')
    portrait: MediaReference | None = PydField(None, description='Memorial portrait')
    budget: Money | None = PydField(None, description='Budget')
    funding_source: str | None = PydField(None, max_length=1000, min_length=1, description='Funding')
    requests: str | None = PydField(None, max_length=2000, min_length=1, description='Other requests')


class FuneralArrangementRecord(_Model):
    """葬儀社・生前契約 / Funeral arrangements"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    arrangement_kind: Literal['precontract', 'mutual_aid', 'membership', 'estimate'] | None = PydField(None, description='Arrangement kind')
    contract: Contract = PydField(description='Contract')
    prepaid: Money | None = PydField(None, description='Prepaid')


class GraveRecord(_Model):
    """お墓 / Graves"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    grave_type: Literal['family_grave', 'perpetual_memorial', 'columbarium', 'tree_burial', 'communal', 'other'] | None = PydField(None, description='Grave type')
    cemetery: Organisation | None = PydField(None, description='Cemetery')
    location: Address | None = PydField(None, description='Location')
    plot_number: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=50, min_length=1, description='Plot number')
    holder: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Holder')
    successor: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Successor')
    management_fee: Money | None = PydField(None, description='Annual fee')
    permit_location: DocumentLocation | None = PydField(None, description='Where the permit is')


class BurialWishesRecord(_Model):
    """埋葬・供養の希望 / Burial wishes"""

    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    burial_method: Literal['existing_grave', 'new_grave', 'perpetual_memorial', 'tree_burial', 'scattering', 'keep_at_home', 'leave_to_family'] | None = PydField(None, description='Burial method')
    grave: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Grave')
    place_note: str | None = PydField(None, max_length=1000, min_length=1, description='Place')
    memorial_services: str | None = PydField(None, max_length=1000, min_length=1, description='Memorial services')


class PosthumousMandateRecord(_Model):
    """死後事務委任 / Posthumous affairs mandate"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    contract: Contract = PydField(description='Contract')
    mandatary_person: PersonName | None = PydField(None, description='Mandatary (individual)')
    scope: str | None = PydField(None, max_length=2000, min_length=1, description='Scope')
    contract_date: datetime.date | None = PydField(None, description='Contract date')
    notarized: bool | None = PydField(None, description='Notarised')


class DepositAccountRecord(_Model):
    """預貯金口座 / Deposit accounts"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    bank: Organisation = PydField(description='Bank')
    bank_code: str | None = PydField(None, pattern='^[0-9]{4}$', description='Bank code')
    branch_name: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=50, min_length=1, description='Branch')
    branch_code: str | None = PydField(None, pattern='^[0-9]{3}$', description='Branch code')
    deposit_type: Literal['ordinary', 'current', 'time', 'savings', 'foreign_currency', 'other'] | None = PydField(None, description='Deposit type')
    account_number: str | None = PydField(None, pattern='^([0-9]{6,8}|\\*{2,}[0-9]{0,4})$', description='Account number')
    account_holder_kana: str | None = PydField(None, pattern='^[ァ-ヶー・ \u3000]+$', description='Account holder (kana)')
    passbook_location: DocumentLocation | None = PydField(None, description='Where the passbook is')
    seal_location: DocumentLocation | None = PydField(None, description='Where the seal is')
    card_location: DocumentLocation | None = PydField(None, description='Where the cash card is')
    online_access: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Online banking')
    desired_action: Literal['cancel', 'transfer', 'keep', 'memorialize', 'delete', 'download', 'undecided'] | None = PydField(None, description='Desired action')
    purpose: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Purpose')


class OnlineAccountRecord(_Model):
    """ネット銀行・ネット証券 / Online financial accounts"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    service_kind: Literal['net_bank', 'online_banking', 'net_securities', 'crypto_exchange', 'fx', 'payment_service', 'other'] | None = PydField(None, description='Kind')
    provider: Organisation = PydField(description='Provider')
    account_id_hint: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Sign-in hint')
    credential_location: DocumentLocation | None = PydField(None, description='Where the credentials are')
    desired_action: Literal['cancel', 'transfer', 'keep', 'memorialize', 'delete', 'download', 'undecided'] | None = PydField(None, description='Desired action')


class SecuritiesAccountRecord(_Model):
    """有価証券 / Securities accounts"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    broker: Organisation = PydField(description='Broker')
    branch_name: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=50, min_length=1, description='Branch')
    account_number: str | None = PydField(None, pattern='^([0-9]{6,8}|\\*{2,}[0-9]{0,4})$', description='Account number')
    account_kind: Literal['specific_withholding', 'specific', 'general', 'nisa', 'ideco', 'other'] | None = PydField(None, description='Account kind')
    holdings: str | None = PydField(None, max_length=2000, min_length=1, description='Holdings')
    online_access: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Online access')
    statement_location: DocumentLocation | None = PydField(None, description='Where statements are')
    desired_action: Literal['cancel', 'transfer', 'keep', 'memorialize', 'delete', 'download', 'undecided'] | None = PydField(None, description='Desired action')


class RealEstateRecord(_Model):
    """不動産 / Real estate"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    property_kind: Literal['land', 'building', 'condominium_unit', 'farmland', 'forest', 'other'] = PydField(description='Kind')
    tenure: Literal['owned', 'co_owned', 'leased', 'leasehold_land'] | None = PydField(None, description='Tenure')
    location: Address | None = PydField(None, description='Address')
    land_number: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Lot number')
    building_number: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Building number')
    ownership_share: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=20, min_length=1, description='Share')
    title_deed_location: DocumentLocation | None = PydField(None, description='Where the title deed is')
    intent: Literal['keep_in_family', 'sell', 'rent_out', 'demolish', 'donate', 'end_lease', 'undecided'] | None = PydField(None, description='Intent')
    acquired_on: datetime.date | None = PydField(None, description='Acquired on')
    mortgage: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Loan')
    contractors: list[Organisation] | None = PydField(None, description='Contractors')


class VehicleRecord(_Model):
    """自動車 / Vehicles"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    vehicle_kind: Literal['car', 'kei_car', 'motorcycle', 'moped', 'other'] | None = PydField(None, description='Kind')
    registration_number: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=30, min_length=1, description='Registration number')
    model: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Model')
    inspection_expiry: datetime.date | None = PydField(None, description='Inspection expiry')
    parking_place: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Parking place')
    certificate_location: DocumentLocation | None = PydField(None, description='Where the certificate is')
    loan: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Loan')
    insurance: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Insurance')


class LiabilityRecord(_Model):
    """借入・ローン・保証 / Liabilities"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    liability_kind: Literal['mortgage', 'car_loan', 'card_loan', 'education_loan', 'business_loan', 'personal_loan', 'guarantee', 'other'] = PydField(description='Kind')
    creditor: Organisation = PydField(description='Creditor')
    balance: Money | None = PydField(None, description='Balance')
    is_guarantee: bool | None = PydField(None, description='Guarantee')
    credit_life_insurance: bool | None = PydField(None, description='Credit life insurance')
    start_date: datetime.date | None = PydField(None, description='Start date')
    end_date: datetime.date | None = PydField(None, description='End date')
    debit_account: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Repayment account')
    contract_location: DocumentLocation | None = PydField(None, description='Where the contract is')


class ReceivableRecord(_Model):
    """貸付金 / Money lent"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    debtor: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Borrower')
    amount: Money | None = PydField(None, description='Amount')
    lent_on: datetime.date | None = PydField(None, description='Lent on')
    evidence_location: DocumentLocation | None = PydField(None, description='Where the IOU is')


class ValuableRecord(_Model):
    """貴金属・美術品 / Valuables"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    valuable_kind: Literal['precious_metal', 'jewellery', 'art', 'antique', 'watch', 'collection', 'other'] | None = PydField(None, description='Kind')
    description: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Description')
    storage_place: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Where it is')
    estimated_value: Money | None = PydField(None, description='Estimated value')


class KeepsakeRecord(_Model):
    """形見分けの希望 / Keepsakes"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    item: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Item')
    recipient: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Recipient')
    recipient_name: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Recipient name')
    note: str | None = PydField(None, max_length=1000, min_length=1, description='Note')


class WillRecord(_Model):
    """遺言書 / Wills"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    will_type: Literal['holographic', 'holographic_bureau', 'notarial', 'sealed'] = PydField(description='Will type')
    written_on: datetime.date | None = PydField(None, description='Written on')
    location: DocumentLocation | None = PydField(None, description='Where it is')
    custodian_office: Organisation | None = PydField(None, description='Custodian office')
    executor: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Executor')


class ImportantDocumentRecord(_Model):
    """重要書類 / Important documents"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    document_kind: Literal['family_register', 'heir_information_map', 'registered_seal', 'title_deed', 'insurance_policy', 'pension_certificate', 'passbook', 'tax_return', 'contract', 'will', 'ending_note', 'furigana_notice', 'other'] = PydField(description='Document kind')
    description: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Description')
    location: DocumentLocation = PydField(description='Where it is')
    issued_on: datetime.date | None = PydField(None, description='Issued on')


class PetRecord(_Model):
    """ペット / Pets"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    name: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=50, min_length=1, description='Name')
    species: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Species')
    birth_date: datetime.date | None = PydField(None, description='Date of birth')
    microchip_number: str | None = PydField(None, pattern='^[0-9]{15}$', min_length=1, description='Microchip number')
    veterinarian: Organisation | None = PydField(None, description='Veterinarian')
    food: str | None = PydField(None, max_length=1000, min_length=1, description='Food')
    care_note: str | None = PydField(None, max_length=2000, min_length=1, description='Care notes')
    caretaker: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Caretaker')
    pet_insurance: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Pet insurance')


class MedicalProfileRecord(_Model):
    """医療の基本情報 / Medical profile"""

    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    blood_type: Literal['A', 'B', 'O', 'AB', 'unknown'] | None = PydField(None, description='Blood type')
    rh_type: Literal['positive', 'negative', 'unknown'] | None = PydField(None, description='Rh type')
    medication_notebook_location: DocumentLocation | None = PydField(None, description='Where the medication notebook is')
    smoking: Literal['never', 'former', 'sometimes', 'daily'] | None = PydField(None, description='Smoking')
    drinking: Literal['never', 'former', 'sometimes', 'daily'] | None = PydField(None, description='Drinking')
    note: str | None = PydField(None, max_length=2000, min_length=1, description='Medical note')


class MedicalProviderRecord(_Model):
    """かかりつけ医・薬局 / Regular doctors and pharmacies"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    provider_kind: Literal['clinic', 'hospital', 'dental', 'pharmacy', 'home_care', 'other'] | None = PydField(None, description='Kind')
    organisation: Organisation = PydField(description='Provider')
    department: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=50, min_length=1, description='Department')
    doctor_name: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Doctor')
    patient_id: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=30, min_length=1, description='Patient card number')


class MedicalConditionRecord(_Model):
    """既往歴・持病 / Medical conditions"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    name: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Condition')
    status: Literal['active', 'chronic', 'resolved', 'unknown'] | None = PydField(None, description='Status')
    diagnosed_on: datetime.date | None = PydField(None, description='Diagnosed on')
    resolved_on: datetime.date | None = PydField(None, description='Resolved on')
    provider: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Treated at')
    note: str | None = PydField(None, max_length=1000, min_length=1, description='Note')


class AllergyRecord(_Model):
    """アレルギー / Allergies"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    substance: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Substance')
    allergy_kind: Literal['drug', 'food', 'environment', 'latex', 'other'] | None = PydField(None, description='Kind')
    reaction: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Reaction')


class MedicationRecord(_Model):
    """服用中の薬 / Medications"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    name: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Name')
    medication_kind: Literal['prescription', 'otc', 'supplement'] | None = PydField(None, description='Kind')
    dose: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Dose')
    purpose: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Purpose')
    prescribed_by: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Prescribed by')


class SurgeryRecord(_Model):
    """手術歴 / Surgeries"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    procedure: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Procedure')
    performed_on: datetime.date | None = PydField(None, description='Performed on')
    hospital: Organisation | None = PydField(None, description='Hospital')
    note: str | None = PydField(None, max_length=1000, min_length=1, description='Note')


class HealthInsuranceCardRecord(_Model):
    """保険証・介護保険証 / Health insurance certificates"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    insurance_kind: Literal['national_health', 'employee_health', 'mutual_aid', 'late_elderly', 'long_term_care', 'other'] | None = PydField(None, description='Kind')
    insurer_number: str | None = PydField(None, pattern='^([0-9]{6}|[0-9]{8})$', min_length=1, description='Insurer number')
    symbol: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=20, min_length=1, description='Symbol')
    number: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=20, min_length=1, description='Number')
    location: DocumentLocation | None = PydField(None, description='Where it is kept')


class CareWishesRecord(_Model):
    """医療・介護の希望 / Medical and care wishes"""

    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    life_support: Literal['wants', 'declines', 'pain_relief_only', 'leave_to_family', 'undecided'] | None = PydField(None, description='Life-sustaining treatment')
    life_support_note: str | None = PydField(None, max_length=2000, min_length=1, description='Life support note')
    advance_directive_location: DocumentLocation | None = PydField(None, description='Where the advance directive is')
    diagnosis_disclosure: Literal['disclose_all', 'diagnosis_only', 'do_not_disclose', 'leave_to_family'] | None = PydField(None, description='Diagnosis disclosure')
    organ_donation: Literal['brain_death_and_cardiac', 'cardiac_only', 'no_donation', 'undecided'] | None = PydField(None, description='Organ donation')
    organ_donor_card_location: DocumentLocation | None = PydField(None, description='Where the donor card is')
    care_place: Literal['own_home', 'family_home', 'nursing_home', 'hospital', 'leave_to_family'] | None = PydField(None, description='Preferred place of care')
    preferred_caregiver: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Preferred caregiver')
    care_funding: str | None = PydField(None, max_length=1000, min_length=1, description='Care funding')


class CareServiceRecord(_Model):
    """介護サービス / Care services"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    service_kind: Literal['care_management', 'home_help', 'home_nursing', 'day_service', 'short_stay', 'facility', 'equipment', 'other'] = PydField(description='Service kind')
    provider: Organisation | None = PydField(None, description='Provider')
    care_manager: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Care manager')
    care_level: Literal['none', 'support_1', 'support_2', 'care_1', 'care_2', 'care_3', 'care_4', 'care_5'] | None = PydField(None, description='Care-need level')
    start_date: datetime.date | None = PydField(None, description='Start date')
    end_date: datetime.date | None = PydField(None, description='End date')


class MemoirRecord(_Model):
    """自分史 / Memoir"""

    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    summary: str | None = PydField(None, max_length=20000, min_length=1, description='Life story')
    career: str | None = PydField(None, max_length=5000, min_length=1, description='Career')
    qualifications: list[Annotated[str, PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1)]] | None = PydField(None, description='Qualifications')


class LifeEventRecord(_Model):
    """年表 / Life events"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    date: datetime.date | None = PydField(None, description='Date')
    title: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Event')
    description: str | None = PydField(None, max_length=5000, min_length=1, description='Details')
    media: list[MediaReference] | None = PydField(None, description='Media')


class ProfileRecord(_Model):
    """趣味・好きなもの / Likes and hobbies"""

    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    hobbies: list[Annotated[str, PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1)]] | None = PydField(None, description='Hobbies')
    skills: list[Annotated[str, PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1)]] | None = PydField(None, description='Skills')
    favourites: str | None = PydField(None, max_length=2000, min_length=1, description='Favourites')
    dislikes: str | None = PydField(None, max_length=2000, min_length=1, description='Dislikes')


class PersonalMessageRecord(_Model):
    """家族・友人へのメッセージ / Personal messages"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    recipient: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Recipient')
    recipient_name: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Recipient name')
    message: str = PydField(max_length=20000, min_length=1, description='Message')
    media: list[MediaReference] | None = PydField(None, description='Attachments')
    delivery_timing: Literal['after_death', 'after_funeral', 'memorial_day', 'specified_date', 'anytime'] | None = PydField(None, description='Delivery timing')


class LifePlanRecord(_Model):
    """これからやりたいこと / Plans"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    title: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Plan')
    description: str | None = PydField(None, max_length=2000, min_length=1, description='Details')
    target_date: datetime.date | None = PydField(None, description='Target date')
    done: bool | None = PydField(None, description='Done')


class PensionRecord(_Model):
    """年金 / Pensions"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    pension_kind: Literal['national_basic', 'employee', 'mutual_aid', 'survivor', 'disability', 'corporate', 'ideco', 'private', 'other'] = PydField(description='Pension kind')
    payer: Organisation | None = PydField(None, description='Payer')
    pension_code: str | None = PydField(None, pattern='^[0-9]{4}$', min_length=1, description='Pension code')
    receiving_account: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Receiving account')
    annual_amount: Money | None = PydField(None, description='Annual amount')
    certificate_location: DocumentLocation | None = PydField(None, description='Where the certificate is')


class LifeInsuranceRecord(_Model):
    """生命保険 / Life insurance"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    contract: Contract = PydField(description='Contract')
    insurance_kind: Literal['whole_life', 'term_life', 'endowment', 'medical', 'cancer', 'nursing_care', 'annuity', 'fire', 'earthquake', 'auto', 'personal_accident', 'liability', 'mutual_aid', 'other'] | None = PydField(None, description='Insurance kind')
    insured: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Insured')
    beneficiaries: list[Annotated[str, PydField(pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')]] | None = PydField(None, description='Beneficiaries')
    sum_insured: Money | None = PydField(None, description='Sum insured')
    contract_date: datetime.date | None = PydField(None, description='Contract date')
    maturity_date: datetime.date | None = PydField(None, description='Maturity date')
    policy_location: DocumentLocation | None = PydField(None, description='Where the policy is')


class NonLifeInsuranceRecord(_Model):
    """損害保険 / Non-life insurance"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    contract: Contract = PydField(description='Contract')
    insurance_kind: Literal['whole_life', 'term_life', 'endowment', 'medical', 'cancer', 'nursing_care', 'annuity', 'fire', 'earthquake', 'auto', 'personal_accident', 'liability', 'mutual_aid', 'other'] | None = PydField(None, description='Insurance kind')
    insured_object: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Insured object')
    contract_date: datetime.date | None = PydField(None, description='Contract date')
    maturity_date: datetime.date | None = PydField(None, description='Maturity date')
    policy_location: DocumentLocation | None = PydField(None, description='Where the policy is')


class UtilityRecord(_Model):
    """ライフライン(電気・ガス・水道) / Utilities"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    utility_kind: Literal['electricity', 'city_gas', 'lp_gas', 'water', 'sewerage', 'heating_oil'] = PydField(description='Kind')
    contract: Contract = PydField(description='Contract')
    supply_address: Address | None = PydField(None, description='Supply address')


class MobilePhoneRecord(_Model):
    """携帯電話 / Mobile phones"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    contract: Contract = PydField(description='Contract')
    phone_number: str | None = PydField(None, pattern='^\\+?[0-9][0-9()\\-,]{1,22}$', description='Phone number')
    device: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Device')
    carrier_email: str | None = PydField(None, pattern='^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', max_length=254, description='Carrier e-mail')


class InternetServiceRecord(_Model):
    """インターネット・プロバイダ / Internet services"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    service_kind: Literal['fibre', 'isp', 'cable', 'mobile_router', 'home_router', 'other'] | None = PydField(None, description='Kind')
    contract: Contract = PydField(description='Contract')
    provider_email: str | None = PydField(None, pattern='^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', max_length=254, description='Provider e-mail')
    rental_equipment: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Rented equipment')


class PaymentCardRecord(_Model):
    """クレジットカード等 / Payment cards"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    card_kind: Literal['credit', 'debit', 'prepaid', 'store'] | None = PydField(None, description='Card kind')
    contract: Contract = PydField(description='Contract')
    card_name: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Card name')
    last4: str | None = PydField(None, pattern='^[0-9]{4}$', description='Last four digits')
    expiry: str | None = PydField(None, pattern='^[0-9]{4}-(0[1-9]|1[0-2])$', description='Expiry')
    card_location: DocumentLocation | None = PydField(None, description='Where the card is')


class SubscriptionRecord(_Model):
    """サブスク・有料会員 / Subscriptions"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    service_name: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Service')
    contract: Contract | None = PydField(None, description='Contract')
    fee: Money | None = PydField(None, description='Fee')
    billing_cycle: Literal['monthly', 'yearly', 'quarterly', 'per_use', 'one_time'] | None = PydField(None, description='Billing cycle')
    payment_card: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Paying card')
    digital_account: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description='Account')


class StoredValueRecord(_Model):
    """電子マネー・ポイント / E-money and points"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    value_kind: Literal['e_money', 'qr_payment', 'points', 'mileage', 'prepaid', 'crypto', 'other'] | None = PydField(None, description='Kind')
    provider: Organisation = PydField(description='Provider')
    account_id_hint: str | None = PydField(None, pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=200, min_length=1, description='Account hint')
    balance: Money | None = PydField(None, description='Approximate balance')
    desired_action: Literal['cancel', 'transfer', 'keep', 'memorialize', 'delete', 'download', 'undecided'] | None = PydField(None, description='Desired action')


class OtherContractRecord(_Model):
    """その他の契約 / Other contracts"""

    id: str | None = PydField(None, pattern='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
    contract_category: str = PydField(pattern='^[^\\u0000-\\u001f\\u007f]*$', max_length=100, min_length=1, description='Category')
    contract: Contract = PydField(description='Contract')


class Generator(_Model):
    name: str = PydField(min_length=1, max_length=100)
    version: str | None = PydField(None, max_length=50)


class Header(_Model):
    standard: Literal['1.1']
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], Annotated[str, PydField(pattern='^(https?|urn):[^\\s]+$')]] | None = None
    created_at: AwareDatetime | None = None
    generator: Generator | None = None
    language: str | None = PydField(None, pattern='^[a-z]{2}(-[A-Za-z0-9]+)*$')


class Note(_Model):
    """An ending note conforming to standard 1.1."""

    header: Header
    person: PersonRecord
    other_name: list[OtherNameRecord] | None = PydField(None)
    identity_document: list[IdentityDocumentRecord] | None = PydField(None)
    public_id: PublicIdRecord | None = PydField(None)
    note_info: NoteInfoRecord | None = PydField(None)
    digital_account: list[DigitalAccountRecord] | None = PydField(None)
    device: list[DeviceRecord] | None = PydField(None)
    credential_store: CredentialStoreRecord | None = PydField(None)
    legacy_setting: list[LegacySettingRecord] | None = PydField(None)
    scheduled_message: list[ScheduledMessageRecord] | None = PydField(None)
    disclosure_rule: list[DisclosureRuleRecord] | None = PydField(None)
    family_member: list[FamilyMemberRecord] | None = PydField(None)
    emergency_contact: list[EmergencyContactRecord] | None = PydField(None)
    obituary_contact: list[ObituaryContactRecord] | None = PydField(None)
    acquaintance: list[AcquaintanceRecord] | None = PydField(None)
    greeting_cards: GreetingCardsRecord | None = PydField(None)
    family_records: FamilyRecordsRecord | None = PydField(None)
    family_register_link: list[FamilyRegisterLinkRecord] | None = PydField(None)
    funeral_wishes: FuneralWishesRecord | None = PydField(None)
    funeral_arrangement: list[FuneralArrangementRecord] | None = PydField(None)
    grave: list[GraveRecord] | None = PydField(None)
    burial_wishes: BurialWishesRecord | None = PydField(None)
    posthumous_mandate: list[PosthumousMandateRecord] | None = PydField(None)
    deposit_account: list[DepositAccountRecord] | None = PydField(None)
    online_account: list[OnlineAccountRecord] | None = PydField(None)
    securities_account: list[SecuritiesAccountRecord] | None = PydField(None)
    real_estate: list[RealEstateRecord] | None = PydField(None)
    vehicle: list[VehicleRecord] | None = PydField(None)
    liability: list[LiabilityRecord] | None = PydField(None)
    receivable: list[ReceivableRecord] | None = PydField(None)
    valuable: list[ValuableRecord] | None = PydField(None)
    keepsake: list[KeepsakeRecord] | None = PydField(None)
    will: list[WillRecord] | None = PydField(None)
    important_document: list[ImportantDocumentRecord] | None = PydField(None)
    pet: list[PetRecord] | None = PydField(None)
    medical_profile: MedicalProfileRecord | None = PydField(None)
    medical_provider: list[MedicalProviderRecord] | None = PydField(None)
    medical_condition: list[MedicalConditionRecord] | None = PydField(None)
    allergy: list[AllergyRecord] | None = PydField(None)
    medication: list[MedicationRecord] | None = PydField(None)
    surgery: list[SurgeryRecord] | None = PydField(None)
    health_insurance_card: list[HealthInsuranceCardRecord] | None = PydField(None)
    care_wishes: CareWishesRecord | None = PydField(None)
    care_service: list[CareServiceRecord] | None = PydField(None)
    memoir: MemoirRecord | None = PydField(None)
    life_event: list[LifeEventRecord] | None = PydField(None)
    profile: ProfileRecord | None = PydField(None)
    personal_message: list[PersonalMessageRecord] | None = PydField(None)
    life_plan: list[LifePlanRecord] | None = PydField(None)
    pension: list[PensionRecord] | None = PydField(None)
    life_insurance: list[LifeInsuranceRecord] | None = PydField(None)
    non_life_insurance: list[NonLifeInsuranceRecord] | None = PydField(None)
    utility: list[UtilityRecord] | None = PydField(None)
    mobile_phone: list[MobilePhoneRecord] | None = PydField(None)
    internet_service: list[InternetServiceRecord] | None = PydField(None)
    payment_card: list[PaymentCardRecord] | None = PydField(None)
    subscription: list[SubscriptionRecord] | None = PydField(None)
    stored_value: list[StoredValueRecord] | None = PydField(None)
    other_contract: list[OtherContractRecord] | None = PydField(None)
    extensions: dict[Annotated[str, PydField(pattern='^[a-z][a-z0-9_-]{0,31}$')], dict[str, Any]] | None = None
