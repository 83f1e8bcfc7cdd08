// A change of layout while a button is being clicked would move it from under the pointer, and
// the click would be lost: such changes wait until the click is over.
let pointerDown = false;
const waiting = [];

document.addEventListener("pointerdown", () => { pointerDown = true; }, true);
document.addEventListener("pointerup", () => {
  pointerDown = false;
  setTimeout(() => { for (const run of waiting.splice(0)) run(); }, 0);  // after the click
}, true);

export function whenPointerIsUp(run) {
  if (pointerDown) waiting.push(run);
  else run();
}
