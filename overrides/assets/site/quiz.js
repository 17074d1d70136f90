/* Myth or fact quiz (issue 7). The page already works without JavaScript: each answer sits in a
   <details>. This script shows the answer buttons, and on a choice writes immediate feedback
   (the page's own "right"/"not quite" words plus the explanation) into the item's aria-live
   region. Nothing is counted or stored: no score, no storage, no cookie. */
(function () {
  "use strict";
  var quiz = document.querySelector("[data-quiz]");
  if (!quiz) { console.error("quiz.js: no [data-quiz] element on this page"); return; }
  var words = { right: quiz.getAttribute("data-right"), wrong: quiz.getAttribute("data-wrong") };

  /* Pure part: the feedback sentence for a choice. An item whose answer rests on a source that is
     only "likely" gives its own data-right ("Right, according to Éducaloi."), not a flat "Right!". */
  function feedback(choice, answer, explanation, right) {
    return (choice === answer ? right : words.wrong) + " " + explanation;
  }

  Array.prototype.forEach.call(quiz.querySelectorAll("[data-quiz-item]"), function (item) {
    var answer = item.getAttribute("data-answer");
    var choices = item.querySelector("[data-quiz-choices]");
    var live = item.querySelector("[data-quiz-feedback]");
    var details = item.querySelector("[data-quiz-answer]");
    if (!answer || !choices || !live || !details) {
      console.error("quiz.js: an item lacks data-answer, its choices, its feedback or its answer");
      return;
    }
    var body = details.cloneNode(true);
    body.querySelector("summary").remove();
    var explanation = body.textContent.replace(/\s+/g, " ").trim();
    choices.hidden = false;
    details.hidden = true;   // the feedback now carries the answer
    choices.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-choice]");
      if (!button) return;
      Array.prototype.forEach.call(choices.querySelectorAll("button[data-choice]"), function (b) {
        b.setAttribute("aria-pressed", String(b === button));
      });
      var right = button.getAttribute("data-choice") === answer;
      live.className = "ns-quiz__feedback " + (right ? "ns-quiz__feedback--right" : "ns-quiz__feedback--wrong");
      live.textContent = feedback(button.getAttribute("data-choice"), answer, explanation,
                                  item.getAttribute("data-right") || words.right);
    });
  });
})();
