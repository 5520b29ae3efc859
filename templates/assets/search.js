// Full-text search over Dossier's static index (search/; written by src/write/search-index.ts).
// Words are folded exactly as the index folds them; every word must match, a word of three or more
// letters also matches longer words it begins (`exportlicentie` finds `exportlicenties`).
// Results are built with textContent only: nothing from the index is ever parsed as HTML.
(function () {
  'use strict';
  var INDEX_VERSION = 1;
  var PAGE = 30;
  var form = document.getElementById('zoeken');
  if (!form || !window.fetch) return;
  var input = document.getElementById('zoekterm');
  var status = document.getElementById('zoekstatus');
  var list = document.getElementById('zoekresultaten');
  var more = document.getElementById('meer');
  var data = form.dataset;
  var meta = null;
  var shards = {};
  var docs = {};
  var latest = 0;
  var shown = [];
  var timer = null;

  function fetchJson(path) {
    return fetch(data.index + path).then(function (response) {
      if (!response.ok) throw new Error(path + ': ' + response.status);
      return response.json();
    });
  }

  function wordsOf(text) {
    var words = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    return words.filter(function (w, i) { return w.length > 1 && words.indexOf(w) === i; });
  }

  function shardKeyOf(word) {
    return Array.from(word.slice(0, 3), function (c) { return /[a-z0-9]/.test(c) ? c : '_' + c.codePointAt(0).toString(16); }).join('');
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? String(values[key]) : all; });
  }

  function loadMeta() {
    if (!meta) meta = fetchJson('index.json').then(function (index) {
      if (index.version !== INDEX_VERSION) throw new Error('search index version ' + index.version);
      return index;
    });
    return meta;
  }

  // Articles (by newest-first number) that hold the word, with the best weight of any word that matched.
  function postingsOf(index, word) {
    var key = shardKeyOf(word);
    if (index.shards.indexOf(key) < 0) return Promise.resolve(new Map());
    if (!shards[key]) shards[key] = fetchJson('terms/' + key + '.json');
    return shards[key].then(function (shard) {
      var found = new Map();
      Object.keys(shard).forEach(function (term) {
        if (term !== word && !(word.length >= 3 && term.lastIndexOf(word, 0) === 0)) return;
        var pairs = shard[term];
        for (var i = 0; i < pairs.length; i += 2) found.set(pairs[i], Math.max(found.get(pairs[i]) || 0, pairs[i + 1]));
      });
      return found;
    });
  }

  function search(query) {
    return loadMeta().then(function (index) {
      var words = wordsOf(query);
      var common = words.filter(function (w) { return index.common.indexOf(w) >= 0; });
      var wanted = words.filter(function (w) { return common.indexOf(w) < 0; });
      if (!wanted.length) return { hits: [], common: common };
      return Promise.all(wanted.map(function (w) { return postingsOf(index, w); })).then(function (lists) {
        lists.sort(function (a, b) { return a.size - b.size; });
        var hits = [];
        lists[0].forEach(function (weight, article) {
          var score = weight;
          for (var i = 1; i < lists.length; i++) {
            var other = lists[i].get(article);
            if (other === undefined) return;
            score += other;
          }
          hits.push({ article: article, score: score });
        });
        // Best match first; among equals the newest (the smaller number).
        hits.sort(function (a, b) { return b.score - a.score || a.article - b.article; });
        return { hits: hits, common: common };
      });
    });
  }

  function docOf(index, article) {
    var chunk = Math.floor(article / index.chunk);
    if (!docs[chunk]) docs[chunk] = fetchJson('docs/' + chunk + '.json');
    return docs[chunk].then(function (list) { return list[article - chunk * index.chunk]; });
  }

  function formatDate(value) {
    var parts = value.split('-').map(Number);
    if (parts.length === 1) return value;
    var options = parts.length === 3 ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' };
    return new Intl.DateTimeFormat(data.locale, options).format(new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] || 1)));
  }

  function resultItem(doc) {
    var item = document.createElement('li');
    item.className = 'search-result';
    var link = document.createElement('a');
    link.className = 'search-result-link';
    link.href = data.base + doc[0].replace(/^\//, '');
    link.textContent = doc[1];
    var heading = document.createElement('h2');
    heading.appendChild(link);
    item.appendChild(heading);
    if (doc[2] || doc[3]) {
      var line = document.createElement('p');
      line.className = 'meta';
      if (doc[2]) {
        var time = document.createElement('time');
        time.dateTime = doc[2];
        time.textContent = formatDate(doc[2]);
        line.appendChild(time);
      }
      if (doc[2] && doc[3]) line.appendChild(document.createTextNode(' · '));
      if (doc[3]) line.appendChild(document.createTextNode(doc[3]));
      item.appendChild(line);
    }
    if (doc[4]) {
      var lead = document.createElement('p');
      lead.className = 'lead';
      lead.textContent = doc[4];
      item.appendChild(lead);
    }
    return item;
  }

  function showMore(run) {
    var next = shown.slice(list.children.length, list.children.length + PAGE);
    return loadMeta().then(function (index) {
      return Promise.all(next.map(function (hit) { return docOf(index, hit.article); }));
    }).then(function (found) {
      if (run !== latest) return;
      found.forEach(function (doc) { if (doc) list.appendChild(resultItem(doc)); });
      more.hidden = list.children.length >= shown.length;
    });
  }

  function run(query) {
    var mine = ++latest;
    var params = new URLSearchParams(window.location.search);
    if (query) params.set('q', query); else params.delete('q');
    var search_ = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (search_ ? '?' + search_ : ''));
    if (!query.trim()) {
      list.textContent = '';
      status.textContent = '';
      more.hidden = true;
      return Promise.resolve();
    }
    return search(query).then(function (result) {
      if (mine !== latest) return;
      shown = result.hits;
      list.textContent = '';
      var count = shown.length === 1 ? data.resultsOne : fill(shown.length ? data.results : data.none, { n: shown.length, q: query.trim() });
      status.textContent = result.common.length ? count + ' ' + fill(data.common, { words: result.common.join(', ') }) : count;
      return showMore(mine);
    }).catch(function (error) {
      if (mine !== latest) return;
      status.textContent = data.failed;
      if (window.console) console.warn('search:', error);
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 150);
  });
  more.addEventListener('click', function () { showMore(latest); });
  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
