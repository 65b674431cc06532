// Qingxin web chat: a websocket to the service. Everything shown is set with textContent (never HTML).
(function () {
  "use strict";
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("text");
  var sendButton = document.getElementById("send");
  var statusLine = document.getElementById("status");
  var lang = (navigator.language || "zh").toLowerCase().indexOf("zh") === 0 ? "zh" : "en";
  var socket = null, ready = false, retry = 0, outbox = [];

  function clientId() {
    var id = null;
    try { id = window.localStorage.getItem("qingxin-id"); } catch (e) { /* private mode */ }
    if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      id = "w" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
      try { window.localStorage.setItem("qingxin-id", id); } catch (e) { /* keep for this page only */ }
    }
    return id;
  }
  var me = clientId();

  function scroll() { log.scrollTop = log.scrollHeight; }

  function bubble(kind, text, who) {
    var div = document.createElement("div");
    div.className = "msg " + kind;
    if (who) {
      var name = document.createElement("span");
      name.className = "who";
      name.textContent = who;
      div.appendChild(name);
    }
    div.appendChild(document.createTextNode(text));
    log.appendChild(div);
    scroll();
    return div;
  }

  function buttons(list) {
    if (!list || !list.length) return;
    var row = document.createElement("div");
    row.className = "buttons";
    list.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = b.title;
      button.addEventListener("click", function () {
        row.remove();
        send(b.payload || b.title, b.title);
      });
      row.appendChild(button);
    });
    log.appendChild(row);
    scroll();
  }

  function setStatus(text) { statusLine.textContent = text; }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws");
    socket.onopen = function () {
      retry = 0;
      socket.send(JSON.stringify({ type: "hello", user: me, lang: lang }));
    };
    socket.onmessage = function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.type === "ready") {
        ready = true;
        setStatus("");
        while (outbox.length) socket.send(JSON.stringify(outbox.shift()));
      } else if (data.type === "reply") {
        var who = data.from === "staff" ? (data.name || (lang === "zh" ? "热线老师" : "Hotline staff")) : null;
        if (data.text) bubble(data.from === "staff" ? "staff" : (data.from === "system" ? "system" : "bot"), data.text, who);
        buttons(data.buttons);
        sendButton.disabled = false;
      } else if (data.type === "error") {
        bubble("error", data.error);
        sendButton.disabled = false;
      }
    };
    socket.onclose = function () {
      ready = false;
      setStatus(lang === "zh" ? "连接断开，正在重连…" : "Connection lost, reconnecting…");
      retry = Math.min(retry + 1, 6);
      window.setTimeout(connect, 500 * retry);
    };
  }

  function send(payload, shown) {
    var text = (payload || "").trim();
    if (!text) return;
    bubble("user", shown || text);
    var frame = { type: "message", text: text };
    sendButton.disabled = true;
    window.setTimeout(function () { sendButton.disabled = false; }, 15000);
    if (ready && socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    else outbox.push(frame);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    send(text);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  connect();
})();
