"""Commands in both languages, and the privacy a young person can see (/mydata) and control (/delete)."""
from __future__ import annotations

import time

from sqlalchemy import select

from escalation.store.models import AuditEntry, Case, CaseEvent, Conversation, Message, MoodCheckin
from tg_helpers import USER, callback, message

START_ZH_FIRST = "你好，我是青心，一个帮助青少年和家长的聊天程序 —— 我是程序，不是真人。"
START_EN_FIRST = "Hi, I'm Qingxin, a chat program for young people and parents — I'm a program, not a person."


async def test_start_says_who_the_bot_is_privacy_retention_and_help_numbers(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app(RETENTION_DAYS="30", CLOSED_CASE_RETENTION_DAYS="365")
    fake_bot_api.clear()
    await app.post(message("/start"))
    (zh,) = fake_bot_api.texts()
    assert zh.startswith(START_ZH_FIRST)
    assert "热线工作人员会看这段对话" in zh and "可能会联系急救或警方" in zh
    assert "最后一条消息 30 天后自动删除" in zh and "个案结束 365 天后删除" in zh
    assert "需要和人聊聊：12355（青少年服务台）；12356（全国心理援助热线）。有危险请马上打 120（急救）；110（报警）。" in zh
    assert "/mydata" in zh and "/delete" in zh
    fake_bot_api.clear()
    await app.post(message("/start", user_id=901, language_code="en"))
    (en,) = fake_bot_api.texts()
    assert en.startswith(START_EN_FIRST)
    assert "deleted automatically 30 days after the last message" in en
    assert "hotline staff read the conversation" in en and "contact emergency services" in en
    assert "To talk to a person: 12355 (youth hotline); 12356 (national mental-health support line). " \
           "In danger, call 120 (ambulance); 110 (police) now." in en
    assert fake_rasa.calls == []  # /start itself goes nowhere else and stores nothing
    assert await app.rows(Conversation) == []


async def test_start_parent_deep_link_sets_the_role_through_rasa(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    await app.post(message("/start parent"))
    assert fake_bot_api.texts()[0].startswith(START_ZH_FIRST)
    assert fake_rasa.messages() == ["/inform_role_parent"]
    assert fake_rasa.calls[0]["metadata"]["language"] == "zh"


async def test_help_and_unknown_commands_in_the_users_language(tg_app, fake_bot_api):
    app = await tg_app()
    fake_bot_api.clear()
    await app.post(message("/help"))
    await app.post(message("/frobnicate"))
    await app.post(message("/frobnicate", language_code="en", user_id=902))
    help_zh, unknown_zh, unknown_en = fake_bot_api.texts()
    assert help_zh.startswith("直接打字和我聊就好。常用命令：\n/mood 记录今天的心情\n/human 找热线的真人聊")
    assert unknown_zh == "这个命令我还不认识。发 /help 看看我能做什么，或者直接打字告诉我。"
    assert unknown_en == "I don't know that command yet. Send /help to see what I can do, or just type to me."


async def test_human_and_mood_route_their_intents(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_rasa.script["/mood_checkin"] = [{"text": "今天心情怎么样？", "buttons": [
        {"title": str(n), "payload": f'/inform_mood{{"mood_score": "{n}"}}'} for n in range(1, 6)]}]
    fake_bot_api.clear()
    await app.post(message("/human"))
    await app.post(message("/mood"))
    assert fake_rasa.messages() == ["/request_human", "/mood_checkin"]
    mood = fake_bot_api.sent()[-1]
    assert mood["text"] == "今天心情怎么样？"
    assert mood["reply_markup"] == {"inline_keyboard": [[
        {"text": str(n), "callback_data": f'/inform_mood{{"mood_score": "{n}"}}'} for n in range(1, 6)]]}


async def test_language_buttons_switch_the_language(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    await app.post(message("/language"))
    (prompt,) = fake_bot_api.sent()
    assert prompt["text"] == "你想用哪种语言聊天？"
    assert prompt["reply_markup"] == {"inline_keyboard": [[{"text": "中文", "callback_data": "qx:lang:zh"},
                                                           {"text": "English", "callback_data": "qx:lang:en"}]]}
    fake_rasa.script["/switch_language"] = [{"text": "OK, let's chat in English."}]
    fake_bot_api.clear()
    await app.post(callback("qx:lang:en", keyboard=prompt["reply_markup"]["inline_keyboard"]))
    assert fake_bot_api.of("answerCallbackQuery")
    assert fake_rasa.messages() == ["/switch_language"]
    assert fake_rasa.calls[0]["metadata"]["language"] == "en"
    assert fake_bot_api.texts() == ["OK, let's chat in English."]
    conversation = await app.router.conversation("telegram", str(USER))
    assert conversation.language == "en"
    # a later button payload doesn't switch it back; later commands answer in English
    fake_bot_api.clear()
    await app.post(message("/frobnicate"))
    assert fake_bot_api.texts() == ["I don't know that command yet. Send /help to see what I can do, or just type to me."]


async def test_mydata_shows_counts_and_dates(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    await app.post(message("/mydata"))
    assert fake_bot_api.texts() == ["目前没有保存任何关于你的对话。"]
    await app.post(message("你好"))
    await app.post(message("我睡不着"))
    fake_bot_api.clear()
    await app.post(message("/mydata"))
    (text,) = fake_bot_api.texts()
    today = time.strftime("%Y-%m-%d", time.gmtime())
    assert text.startswith(f"保存了关于你的这些数据：\n消息：4 条（你发的和我回复的）\n第一条：{today}\n最近一条：{today}\n"
                           "热线个案：0 个\n心情记录：0 次\n")
    assert "30 天后自动删除" in text


async def _seed_conversation_with_open_case(app, user_id: int) -> int:
    await app.post(message("考试压力好大", user_id=user_id))
    await app.post(message("我睡不着", user_id=user_id))
    ref = await app.router.conversation("telegram", str(user_id))
    async with app.sessions.begin() as session:
        session.add(Case(conversation_id=ref.id, state="queued", level="high", reason="risk"))
        session.add(MoodCheckin(conversation_id=ref.id, score=2))
    return ref.id


async def test_delete_asks_first_then_erases_every_message_and_leaves_only_an_audit_note(
        tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    conversation_id = await _seed_conversation_with_open_case(app, USER)
    await app.post(message("别的用户的消息", user_id=903))
    pseudonym = (await app.router.conversation("telegram", str(USER))).pseudonym
    fake_bot_api.clear()
    await app.post(message("/delete"))
    (confirm,) = fake_bot_api.sent()
    assert confirm["text"].startswith("确定要删除你和我的所有对话吗？删除后无法恢复。")
    keyboard = confirm["reply_markup"]["inline_keyboard"]
    assert keyboard == [[{"text": "是，删除", "callback_data": "qx:del:yes"},
                         {"text": "不，保留", "callback_data": "qx:del:no"}]]
    # "no" keeps everything
    await app.post(callback("qx:del:no", keyboard=keyboard))
    assert fake_bot_api.texts()[-1] == "好的，什么都没删。"
    assert await app.rows(Message, Message.conversation_id == conversation_id)
    # "yes" erases
    fake_bot_api.clear()
    fake_rasa.calls.clear()
    await app.post(callback("qx:del:yes", keyboard=keyboard))
    assert fake_bot_api.of("answerCallbackQuery")
    assert fake_bot_api.texts() == [
        "已经删除了你的对话。记录里只留下“有过一次删除”，没有任何内容。你随时可以重新开始和我聊。"
        "需要和人聊聊：12355（青少年服务台）；12356（全国心理援助热线）。"]
    async with app.sessions() as session:
        texts = (await session.scalars(select(Message.text))).all()
        conversations = (await session.scalars(select(Conversation.pseudonym))).all()
        cases = (await session.scalars(select(Case))).all()
        events = (await session.scalars(select(CaseEvent))).all()
        moods = (await session.scalars(select(MoodCheckin))).all()
        audit = (await session.scalars(select(AuditEntry).where(AuditEntry.action == "erasure"))).all()
    assert "考试压力好大" not in texts and "我睡不着" not in texts
    assert texts == ["别的用户的消息", "echo: 别的用户的消息"]  # other users untouched
    assert pseudonym not in conversations and cases == [] and events == [] and moods == []
    (entry,) = audit
    assert entry.actor == "user" and entry.conversation == pseudonym
    assert entry.detail == {"channel": "telegram", "open_cases_closed": 1}
    assert "考试" not in str(entry.detail)
    assert fake_rasa.calls == [{"forget": pseudonym, "events": []}]  # Rasa asked to forget its copy
    # a later /mydata: nothing stored
    fake_bot_api.clear()
    await app.post(message("/mydata"))
    assert fake_bot_api.texts() == ["目前没有保存任何关于你的对话。"]


async def test_an_old_delete_confirmation_has_expired(tg_app, fake_bot_api):
    app = await tg_app()
    await app.post(message("你好"))
    fake_bot_api.clear()
    await app.post(callback("qx:del:yes", date=int(time.time()) - 3600))
    assert fake_bot_api.texts() == ["这个确认已经过期了。如果还想删除，请再发一次 /delete。"]
    assert await app.rows(Message)


async def test_delete_lets_the_escalation_service_close_open_cases_first(tg_app, fake_bot_api, monkeypatch):
    """When the escalation service offers ``close_for_erasure`` it closes the case (and tells staff)."""
    app = await tg_app()
    conversation_id = await _seed_conversation_with_open_case(app, USER)
    closed: list[int] = []

    async def close_for_erasure(cid: int) -> list[int]:
        closed.append(cid)
        async with app.sessions.begin() as session:
            for case in (await session.scalars(select(Case).where(Case.conversation_id == cid))).all():
                case.state, case.outcome = "closed", "user_erasure"
        return [cid]

    monkeypatch.setattr(app.router.escalation, "close_for_erasure", close_for_erasure, raising=False)
    await app.post(callback("qx:del:yes"))
    assert closed == [conversation_id]
    assert await app.rows(Message, Message.conversation_id == conversation_id) == []
    (entry,) = await app.rows(AuditEntry, AuditEntry.action == "erasure")
    # the audit note counts the open cases closed for the erasure, whoever closed them (here: the service)
    assert entry.detail == {"channel": "telegram", "open_cases_closed": 1}
