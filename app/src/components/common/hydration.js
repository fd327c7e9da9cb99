// Loads the app's JavaScript, its WASM and the page's language, and hydrates the page, once:
// after the first frame has been painted, or after a second if no frame comes (a page opened
// in a background tab).
// A load that fails (a dropped connection on a phone) is tried again a few times, further apart
// each time; until then the page works as the server sent it.
//
// Most pages' code is a second WASM file, a chunk the app fetches the first time one of those
// pages is shown (app/src/pages.rs). Two things could leave the app waiting on a page it
// cannot show, so a chunk goes through `fetchChunk` below, and where it cannot be had the
// browser loads the page whole from the server instead, as it would with no JavaScript:
// - the connection drops (tried again twice first);
// - the chunk belongs to a newer build than the code already running (a new version was
//   deployed, or its service worker took over, while this page was open): the server names
//   each file's build in a header, and the main WASM's names the page's.
(function (pkg, words) {
	var started = false;
	var app = null;
	var build = null;
	var fetchFirst = window.fetch;
	// Where the person last asked to go: a link followed in the last few seconds.
	var asked = { href: null, at: 0 };
	document.addEventListener(
		"click",
		function (event) {
			var link = event.target instanceof Element ? event.target.closest("a[href]") : null;
			if (link && link.origin === location.origin) asked = { href: link.href, at: Date.now() };
		},
		true,
	);
	function loadWhole() {
		var href = asked.href && Date.now() - asked.at < 10000 ? asked.href : location.href;
		// Once a minute at most for a page, so that a chunk still missing after the whole page was
		// loaded leaves that page as the server sent it rather than loading it again and again.
		var key = "wellbeing-loaded-whole:" + href;
		try {
			if (Date.now() - Number(sessionStorage.getItem(key)) < 60000) return new Promise(function () {});
			sessionStorage.setItem(key, String(Date.now()));
		} catch (error) {
			// No session storage (a private mode): still load the page whole.
		}
		location.assign(href);
		// The app waits on this for good: the browser is leaving the page.
		return new Promise(function () {});
	}
	function fetchChunk(url, attempt) {
		return fetchFirst
			.call(window, url)
			.then(function (response) {
				if (!response.ok) throw new Error(url + ": " + response.status);
				return response;
			})
			.then(
				function (response) {
					// A site whose proxy drops the header keeps the chunks as they come.
					var theirs = response.headers.get("x-wellbeing-build");
					return build && theirs && theirs !== build ? loadWhole() : response;
				},
				function (error) {
					if (attempt >= 2) return loadWhole();
					console.error("A page's code did not load:", error);
					return new Promise(function (resolve) {
						setTimeout(resolve, 1000 * (attempt + 1));
					}).then(function () {
						return fetchChunk(url, attempt + 1);
					});
				},
			);
	}
	var pkgDir = pkg.slice(0, pkg.lastIndexOf("/") + 1);
	window.fetch = function (input, init) {
		var url = new URL(input instanceof Request ? input.url : String(input), location.href);
		var chunk =
			url.origin === location.origin &&
			url.pathname.indexOf(pkgDir) === 0 &&
			/\.wasm$/.test(url.pathname) &&
			url.pathname !== pkg + ".wasm";
		return chunk ? fetchChunk(url.href, 0) : fetchFirst.call(window, input, init);
	};
	function load(attempt) {
		// The same address on every try, as the split WASM's loader imports it: another would be a
		// second copy of the app's script, never started. Chromium fetches a module anew after a
		// failed load (end2end/tests/foundation.spec.ts, "comes alive on a later try").
		var wasm = (app ? Promise.resolve(app) : import(pkg + ".js")).then(function (module) {
			app = module;
			var main = fetchFirst.call(window, pkg + ".wasm").then(function (response) {
				if (!response.ok) throw new Error(pkg + ".wasm: " + response.status);
				build = response.headers.get("x-wellbeing-build");
				return response;
			});
			return app.default({ module_or_path: main });
		});
		// The page's language: the WASM carries none of its own.
		var strings = fetch(words).then(function (response) {
			if (!response.ok) throw new Error(words + ": " + response.status);
			return response.text();
		});
		Promise.all([strings, wasm]).then(
			function (loaded) {
				app.hydrate(loaded[0]);
			},
			function (error) {
				console.error("The app did not load:", error);
				if (attempt < 4) setTimeout(load, 2000 * (attempt + 1), attempt + 1);
			},
		);
	}
	function start() {
		if (started) return;
		started = true;
		load(0);
	}
	requestAnimationFrame(function () {
		setTimeout(start, 0);
	});
	setTimeout(start, 1000);
})
