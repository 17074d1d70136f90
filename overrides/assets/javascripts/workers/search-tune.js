/* How search matches words, on top of Material 9.8.2's search worker (lunr 2.3.9). search-lazy.js
 * loads this file right after Material's worker, before the index is built, in every language
 * and from file:// too. What it changes, at index time and at query time alike:
 *
 * 1. Accents don't matter: "ecole" finds "école", "paye" finds "payé", "pedosexuel" finds
 *    "pédosexuels", "quebec" finds "Québec". Each word of the index is stored under two terms
 *    when they differ: stemmed, then without accents (payé -> pai, the stem the French stemmer
 *    gives payé, payer and paie), and without accents, then stemmed (payé -> paye -> pay, what a
 *    reader who types "paye" gets). A query word is stemmed, then stripped of its accents: with
 *    its accents it meets the first term, without them the second.
 * 2. Query words are stemmed: Material sends every word as "word*", and lunr skips the stemmer
 *    for such words, so "ordonnances" never found "ordonnance". Stemmed here instead (when the
 *    index has a stemmer: French; Material's English index has none), "*" kept.
 * 3. Small words ("l'", "de", "the", the index's own stop words) leave a query that has other
 *    words: with Material's "*", "l*" would match every word that starts with l.
 *
 * Both sides go through lunr's own objects: the index's pipeline (Builder#add, before the
 * first document) and every parsed query (QueryParser#parse: the search itself and Material's
 * reading of which words matched, so "Missing: payé" never shows under a result that has it).
 * The index itself is written by sitebuild/search_index.py (French also splits words at
 * apostrophes: « l'ordonnance » is « l » and « ordonnance »).
 */
(function () {
  "use strict";
  var lunr = self.lunr;
  if (!lunr || lunr.nsTuned) return;
  lunr.nsTuned = true;

  var stemmer = null;     // the index's stemmer (lunr.fr.stemmer), when it has one
  var stopWords = null;   // the index's stop-word filter

  function fold(word) {
    return word.normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\u0153/g, "oe").replace(/\u00e6/g, "ae");
  }

  function find(pipeline, label) {
    var stack = pipeline._stack;
    for (var i = 0; i < stack.length; i++) {
      if (String(stack[i].label || "").indexOf(label) === 0) return stack[i];
    }
    return null;
  }

  // Index time: each token under its two terms (point 1).
  function bothTerms(token) {
    var stemmedFirst = token.clone();
    var foldedFirst = token.clone(fold);
    if (stemmer) {
      stemmer(stemmedFirst);
      stemmer(foldedFirst);
    }
    stemmedFirst.update(fold);
    return stemmedFirst.str === foldedFirst.str ? stemmedFirst : [stemmedFirst, foldedFirst];
  }
  lunr.Pipeline.registerFunction(bothTerms, "ns-accents");

  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (!this.nsTuned) {
      this.nsTuned = true;
      stemmer = find(this.pipeline, "stemmer");
      stopWords = find(this.pipeline, "stopWordFilter");
      if (stemmer) {
        this.pipeline.after(stemmer, bothTerms);
        this.pipeline.remove(stemmer);
      } else {
        this.pipeline.add(bothTerms);
      }
    }
    return add.call(this, doc, attributes);
  };

  // Query time: the term a query word must meet (points 1 and 2).
  function queryTerm(word) {
    var token = new lunr.Token(word, {});
    if (stemmer) stemmer(token);
    return fold(token.str);
  }

  function isStopWord(word) {
    return !!stopWords && !stopWords(new lunr.Token(word, {}));
  }

  var parse = lunr.QueryParser.prototype.parse;
  lunr.QueryParser.prototype.parse = function () {
    var query = parse.call(this);
    var optional = lunr.Query.presence.OPTIONAL;
    var parts = query.clauses.map(function (clause) {
      var m = /^(\**)(.*?)(\**)$/.exec(clause.term);
      return { clause: clause, before: m[1], word: m[2], after: m[3] };
    });
    var kept = parts.filter(function (p) {
      return !(p.clause.presence === optional && p.word && isStopWord(p.word));
    });
    if (kept.length) parts = kept;                 // a query of small words only stays as is
    query.clauses = parts.map(function (p) {
      if (p.word) p.clause.term = p.before + queryTerm(p.word) + p.after;
      p.clause.usePipeline = false;                // done here, once
      return p.clause;
    });
    return query;
  };
})();
