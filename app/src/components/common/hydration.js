// Loads the app's JavaScript, its WASM and the page's language, and hydrates the page, once:
// after the first frame has been painted, or after a second if no frame comes (a page opened
// in a background tab).
// A load that fails (a dropped connection on a phone) is tried again a few times, further apart
// each time; until then the page works as the server sent it.
(function (pkg, words) {
	var started = false;
	var app = null;
	function load(attempt) {
		// A module that failed to load is remembered under its address, so a retry asks anew.
		var js = pkg + ".js" + (attempt ? "?attempt=" + attempt : "");
		var wasm = (app ? Promise.resolve(app) : import(js)).then(function (module) {
			app = module;
			return app.default({ module_or_path: pkg + ".wasm" });
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
