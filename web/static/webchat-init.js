// Starts the third-party rasa-webchat against our socket.io channel (compatibility check).
(function () {
  var holder = document.getElementById("webchat");
  if (!window.WebChat || !holder) { return; }
  window.WebChat.default({
    selector: "#webchat",
    socketUrl: holder.getAttribute("data-socket-url"),
    socketPath: holder.getAttribute("data-socket-path") || "/socket.io/",
    customData: { campaign: "rasa-webchat-test", language: "nl", page_url: window.location.href },
    initPayload: "/greet",
    title: "Techniek-adviseur",
    subtitle: "rasa-webchat test",
    inputTextFieldHint: "Typ je bericht...",
    embedded: false,
    showFullScreenButton: false,
    params: { storage: "local" }
  }, null);
})();
