// Widget CSS, scoped by the shadow root. System fonts only; colours set per campaign.
export function css(theme) {
  return `
:host { all: initial; }
* { box-sizing: border-box; }
.root { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1b1b1b; --accent: ${theme.accent}; --on-accent: ${theme.onAccent};
  --accent-text: ${theme.accentText}; }
.sr { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button, input { font: inherit; }
:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; box-shadow: 0 0 0 5px #fff; }
.launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; display: flex; align-items: center;
  gap: 8px; min-height: 52px; padding: 12px 18px; border: 0; border-radius: 26px; cursor: pointer;
  background: var(--accent); color: var(--on-accent); font-weight: 600; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.launcher .short { display: none; }
/* On phones the launcher shows "Chat"; the long question stays in its accessible name
   (visually hidden, not display:none), so the name starts with the visible word. */
@media (max-width: 479px) {
  .launcher .long { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; }
  .launcher .short { display: inline; }
}
.launcher .badge { width: 12px; height: 12px; border-radius: 50%; background: #ffd43b; border: 2px solid #1b1b1b; }
.launcher[hidden], .panel[hidden], .badge[hidden] { display: none; }
.panel { position: fixed; inset: 0; z-index: 2147483001; display: flex; flex-direction: column;
  background: #fff; }
@media (min-width: 480px) {
  .panel { inset: auto 16px 16px auto; width: 400px; height: min(660px, calc(100vh - 32px));
    border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.3); overflow: hidden; }
}
.head { display: flex; align-items: center; gap: 8px; padding: 10px 12px; background: var(--accent);
  color: var(--on-accent); }
.head h2 { flex: 1; margin: 0; font-size: 16px; line-height: 1.25; }
.head button { display: inline-flex; align-items: center; gap: 4px; min-height: 44px; min-width: 44px;
  justify-content: center; padding: 6px 10px; border: 2px solid currentColor; border-radius: 8px;
  background: transparent; color: inherit; cursor: pointer; font-size: 14px; font-weight: 600; }
.head .close { border-color: transparent; }
.status { padding: 6px 12px; font-size: 14px; background: #fff4e5; color: #5c2d00; }
/* Empty but present: the status line stays in the accessibility tree, so changes are announced. */
.status:empty { padding: 0; }
.body { flex: 1; overflow-y: auto; padding: 12px; background: #f4f6f8; }
.log { display: flex; flex-direction: column; gap: 8px; }
.msg { max-width: 88%; padding: 8px 12px; border-radius: 12px; overflow-wrap: anywhere; }
.msg p { margin: 0 0 6px; } .msg p:last-child { margin-bottom: 0; }
.msg.bot { align-self: flex-start; background: #fff; border: 1px solid #d5dae0; border-bottom-left-radius: 4px; }
.msg.user { align-self: flex-end; background: var(--accent); color: var(--on-accent); border-bottom-right-radius: 4px; white-space: pre-wrap; }
.msg a, .card a, .consent a { color: var(--accent-text); text-decoration: underline; text-underline-offset: 2px; }
.choices { display: flex; flex-wrap: wrap; gap: 6px; align-self: flex-start; max-width: 100%; }
.choices button { min-height: 44px; padding: 8px 14px; border: 2px solid var(--accent-text); border-radius: 22px;
  background: #fff; color: var(--accent-text); cursor: pointer; font-weight: 600; text-align: left; }
.choices button:hover:not(:disabled) { background: #e8f0fa; }
.choices button:disabled { border-color: #8a9099; color: #4a4f55; cursor: default; }
.choices button.picked { background: #e8f0fa; color: #1b1b1b; }
.card { align-self: stretch; background: #fff; border: 1px solid #c9d0d8; border-left: 5px solid var(--accent);
  border-radius: 8px; padding: 10px 12px; }
.card-title { margin: 0 0 6px; font-size: 16px; }
.card h4 { margin: 10px 0 4px; font-size: 15px; }
.card-list { margin: 0; padding-left: 20px; } .card-list > li { margin-bottom: 8px; }
.card .facts, .card .detail, .card .more, .card .checked { display: block; font-size: 14px; }
.card .checked, .card .note { color: #4a4f55; font-size: 13px; }
.card .note { margin: 6px 0 0; }
.reasons { margin: 2px 0 0; padding-left: 18px; font-size: 14px; }
.profile { margin: 0; } .profile div { display: grid; grid-template-columns: minmax(0, 45%) minmax(0, 1fr); gap: 8px; }
.profile dt { font-weight: 600; }
.profile dd { margin: 0; }
.contact p { margin: 2px 0; }
.typing { min-height: 24px; padding: 0 14px; font-size: 14px; color: #4a4f55; background: #f4f6f8; }
.dots span { display: inline-block; width: 6px; height: 6px; margin-right: 3px; border-radius: 50%;
  background: #4a4f55; animation: blink 1.2s infinite; }
.dots span:nth-child(2) { animation-delay: .2s; } .dots span:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .dots span { animation: none; } }
.composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #d5dae0; background: #fff; }
.composer input { flex: 1; min-height: 44px; padding: 8px 12px; border: 2px solid #6b7280; border-radius: 8px; color: #1b1b1b; background: #fff; }
.composer button { min-width: 48px; min-height: 44px; border: 0; border-radius: 8px; background: var(--accent);
  color: var(--on-accent); cursor: pointer; display: inline-flex; align-items: center; justify-content: center; }
.composer input:disabled, .composer button:disabled { opacity: .6; }
.consent { display: flex; flex-direction: column; gap: 10px; padding: 4px 2px; }
.consent h3 { margin: 0; font-size: 17px; }
.consent ul { margin: 0; padding-left: 20px; } .consent li { margin-bottom: 6px; }
.consent .agree { align-self: flex-start; min-height: 48px; padding: 10px 18px; border: 0; border-radius: 8px;
  background: var(--accent); color: var(--on-accent); font-weight: 700; cursor: pointer; }
`;
}
