"""Messages that are not plain short text: stickers and media, captions, long texts and answers,
group chats, the rate limit, edits and buttons."""
from __future__ import annotations

import json

from sqlalchemy import select

from escalation import content
from escalation.risk import level_rank, screen
from escalation.store.models import Message
from tg_helpers import callback, message

RISKY_ZH = "我不想活了，今晚就想结束自己"
RISKY_EN = "I want to kill myself tonight"
NON_TEXT_ZH = "我现在只能读文字，看不到图片、贴纸、语音或文件。可以打字告诉我你想说的吗？"
NON_TEXT_EN = ("I can only read text for now — I can't see pictures, stickers, voice messages or files. "
               "Could you type what you'd like to say?")


def safety(text: str, lang: str) -> str:
    level = screen(text).level
    assert level_rank(level) >= level_rank("high"), (text, level)
    return content.safety_reply(level, lang)


async def inbound_texts(app) -> list[str]:
    async with app.sessions() as session:
        rows = await session.scalars(select(Message.text).where(Message.direction == "in").order_by(Message.id))
        return list(rows.all())


STICKER = {"file_id": "CAACAgIAAxk", "file_unique_id": "AgADsw", "type": "regular", "width": 512, "height": 512,
           "is_animated": False, "is_video": False}
PHOTO = [{"file_id": "AgACAgIAAxk", "file_unique_id": "AQADsw", "width": 90, "height": 90}]


async def test_sticker_and_other_media_get_a_kind_reply_and_nothing_is_routed(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    updates = [
        message(sticker=STICKER),
        message(photo=PHOTO),
        message(voice={"file_id": "v", "file_unique_id": "v1", "duration": 3}),
        message(video_note={"file_id": "n", "file_unique_id": "n1", "length": 240, "duration": 4}),
        message(document={"file_id": "d", "file_unique_id": "d1", "file_name": "a.pdf"}),
        message(location={"latitude": 31.2, "longitude": 121.5}),
        message(contact={"phone_number": "+100", "first_name": "A"}),
        message(poll={"id": "p", "question": "?", "options": [{"text": "a", "voter_count": 0, "persistent_id": "o1"},
                                                             {"text": "b", "voter_count": 0, "persistent_id": "o2"}],
                      "total_voter_count": 0, "is_closed": False, "is_anonymous": True, "type": "regular",
                      "allows_multiple_answers": False, "allows_revoting": True, "members_only": False}),
    ]
    for update in updates:
        await app.post(update)
    assert fake_bot_api.texts() == [NON_TEXT_ZH] * len(updates)
    await app.post(message(sticker=STICKER, language_code="en"))
    assert fake_bot_api.texts()[-1] == NON_TEXT_EN
    assert fake_rasa.calls == []
    assert await inbound_texts(app) == []


async def test_photo_with_risky_caption_is_screened_and_escalates(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    await app.post(message(photo=PHOTO, caption=RISKY_ZH))
    assert fake_bot_api.texts()[0] == safety(RISKY_ZH, "zh")
    assert await inbound_texts(app) == [RISKY_ZH]
    async with app.sessions() as session:
        stored = await session.scalar(select(Message).where(Message.direction == "in"))
    assert level_rank(stored.risk_level) >= level_rank("high")
    assert stored.meta["kind"] == "photo" and stored.meta["caption"] is True


async def test_a_very_long_message_gets_a_kind_reply_and_is_stored_whole(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    text = ("今天上课的时候我一直在想周末的事情。" * 600)[:10_000]
    await app.post(message(text))
    assert fake_bot_api.texts() == [
        "这条消息太长了（最多 4000 个字），可以分成几条短一点的发给我吗？你写的内容我都保存好了。"]
    assert fake_rasa.calls == []
    assert await inbound_texts(app) == [text]


async def test_a_very_long_risky_message_still_gets_the_safety_reply(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    text = "I have been thinking a lot. " * 300 + RISKY_EN
    await app.post(message(text, language_code="en"))
    sent = fake_bot_api.texts()
    assert sent[0] == safety(RISKY_EN, "en")
    assert sent[-1].startswith("That message is too long for me (at most 4000 characters).")


async def test_long_answers_are_split_at_sentence_ends_with_buttons_on_the_last_part(tg_app, fake_bot_api,
                                                                                     fake_rasa):
    app = await tg_app()
    sentence = "慢慢吸气，数到四，再慢慢呼气。"
    long_answer = sentence * 400  # 6000 characters
    fake_rasa.script["给我讲个长的"] = [{"text": long_answer, "buttons": [
        {"title": "继续", "payload": "/exercise_next"}, {"title": "停一下", "payload": "/exercise_pause"}]}]
    fake_bot_api.clear()
    await app.post(message("给我讲个长的"))
    parts = fake_bot_api.sent()
    assert len(parts) == 2
    assert "".join(p["text"] for p in parts) == long_answer
    assert all(len(p["text"]) <= 4096 and p["text"].endswith("。") for p in parts)
    assert "reply_markup" not in parts[0].params
    assert parts[1]["reply_markup"] == {"inline_keyboard": [[
        {"text": "继续", "callback_data": "/exercise_next"}, {"text": "停一下", "callback_data": "/exercise_pause"}]]}


async def test_button_payload_longer_than_64_bytes_is_mapped_and_routed_whole(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    long_payload = '/inform_mood{"mood_score": "4", "note": "' + "x" * 80 + '"}'
    fake_rasa.script["心情"] = [{"text": "今天心情怎么样？", "buttons": [
        {"title": "还不错 🙂", "payload": long_payload}, {"title": "一般般，说不清楚的那种感觉", "payload": "/inform_mood{\"mood_score\": \"3\"}"}]}]
    fake_bot_api.clear()
    await app.post(message("心情"))
    keyboard = fake_bot_api.sent()[0]["reply_markup"]["inline_keyboard"]
    assert len(keyboard) == 2 and all(len(row) == 1 for row in keyboard)  # long titles: one per row
    data = keyboard[0][0]["callback_data"]
    assert data != long_payload and len(data.encode()) <= 64
    assert keyboard[1][0]["callback_data"] == '/inform_mood{"mood_score": "3"}'
    fake_bot_api.clear()
    await app.post(callback(data, keyboard=keyboard))
    assert fake_rasa.messages()[-1] == long_payload
    (answer,) = fake_bot_api.of("answerCallbackQuery")
    assert answer["callback_query_id"]
    assert fake_bot_api.of("editMessageReplyMarkup")  # the pressed keyboard is removed
    async with app.sessions() as session:
        pressed = (await session.scalars(select(Message).where(Message.direction == "in")
                                         .order_by(Message.id.desc()))).first()
    assert pressed.text == long_payload and pressed.meta["button_title"] == "还不错 🙂"
    # an unknown (expired) mapped key is not routed
    fake_bot_api.clear()
    await app.post(callback("qx:h:" + "0" * 32))
    assert fake_bot_api.texts() == ["这个按钮已经过期了，直接打字告诉我就好。"]


async def test_callback_query_is_answered_and_routed_like_text(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    await app.post(callback("/request_human", keyboard=[[{"text": "找真人聊", "callback_data": "/request_human"}]]))
    assert [c.method for c in fake_bot_api.calls][:2] == ["answerCallbackQuery", "editMessageReplyMarkup"]
    assert fake_rasa.messages() == ["/request_human"]
    assert fake_bot_api.texts() == ["echo: /request_human"]


async def test_group_chat_gets_one_notice_and_then_nothing(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    group = -100123456
    await app.post(message("/start@qingxin_test_bot", chat_id=group, chat_type="supergroup"))
    await app.post(message("大家好", chat_id=group, chat_type="supergroup"))
    await app.post(message(RISKY_ZH, chat_id=group, chat_type="supergroup", user_id=555002))
    (notice,) = fake_bot_api.sent()
    assert notice["chat_id"] == str(group)
    assert notice["text"] == (
        "为了保护大家的隐私，我只在私聊里聊天。点这里和我单独聊：https://t.me/qingxin_test_bot\n"
        "如果有人现在有危险，请马上打 120（急救）；110（报警）。\n\n"
        "To protect everyone's privacy I only chat in private. Tap here to talk to me one-to-one: "
        "https://t.me/qingxin_test_bot\nIf someone is in danger right now, call 120 (ambulance); 110 (police).")
    assert fake_rasa.calls == []
    assert await inbound_texts(app) == []  # nothing from groups is stored
    # another group gets its own (single) notice
    await app.post(message("hi", chat_id=-100999, chat_type="group"))
    assert [c["chat_id"] for c in fake_bot_api.sent()] == [str(group), "-100999"]


async def test_rate_limit_answers_kindly_but_still_screens_every_message(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app(TELEGRAM_RATE_LIMIT_PER_MINUTE="3")
    fake_bot_api.clear()
    for i in range(3):
        await app.post(message(f"第{i}条消息"))
    assert len(fake_rasa.calls) == 3
    await app.post(message("第3条消息"))
    await app.post(message("第4条消息"))
    assert len(fake_rasa.calls) == 3  # held: Rasa not asked
    rate_note = ("你发得有点快，我需要一点时间跟上。等一分钟再继续好吗？如果你现在就需要和人聊："
                 "12355（青少年服务台）；12356（全国心理援助热线）；有危险请打 120（急救）；110（报警）。")
    assert fake_bot_api.texts()[3:] == [rate_note]  # told once, not once per message
    await app.post(message(RISKY_ZH))
    assert fake_bot_api.texts()[4] == safety(RISKY_ZH, "zh")  # risk still screened and answered
    # every message is stored and screened, limited or not
    assert await inbound_texts(app) == ["第0条消息", "第1条消息", "第2条消息", "第3条消息", "第4条消息", RISKY_ZH]
    async with app.sessions() as session:
        rows = (await session.scalars(select(Message).where(Message.direction == "in").order_by(Message.id))).all()
    assert all(row.risk is not None for row in rows)
    assert rows[-1].meta["rate_limited"] is True
    # asking for a person is never rate-limited
    await app.post(message("/human"))
    assert fake_rasa.messages()[-1] == "/request_human"


async def test_an_edited_message_is_screened_and_only_answered_when_risky(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    await app.post(message("今天还行", edited=True))
    assert fake_bot_api.texts() == [] and fake_rasa.calls == []
    await app.post(message(RISKY_ZH, edited=True))
    assert fake_bot_api.texts()[0] == safety(RISKY_ZH, "zh")
    assert await inbound_texts(app) == ["今天还行", RISKY_ZH]


async def test_language_of_replies_follows_the_client_for_a_new_user(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    await app.post(message("👍", language_code="en-GB", user_id=777))
    assert fake_rasa.calls[0]["metadata"]["language"] == "en"
    await app.post(message("👍", language_code="zh-hans", user_id=778))
    assert fake_rasa.calls[1]["metadata"]["language"] == "zh"
    json.dumps(fake_rasa.calls)


async def test_being_added_to_a_group_posts_the_notice_once(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    group = {"id": -100777, "type": "group", "title": "Class 5"}
    bot = {"id": 7000001, "is_bot": True, "first_name": "Qingxin", "username": "qingxin_test_bot"}
    added = {"update_id": 880, "my_chat_member": {
        "chat": group, "from": {"id": 1, "is_bot": False, "first_name": "Teacher"}, "date": 1_790_000_000,
        "old_chat_member": {"user": bot, "status": "left"}, "new_chat_member": {"user": bot, "status": "member"}}}
    await app.post(added)
    await app.post(message("有人吗", chat_id=-100777, chat_type="group"))
    assert [c["chat_id"] for c in fake_bot_api.sent()] == ["-100777"]
    assert fake_bot_api.texts()[0].startswith("为了保护大家的隐私，我只在私聊里聊天。")
