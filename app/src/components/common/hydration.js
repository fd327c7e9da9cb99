// Loads the app's JavaScript and WASM and hydrates the page, once: after the first frame has
// been painted, or after a second if no frame comes (a page opened in a background tab).
(function (pkg) {
	var started = false;
	function start() {
		if (started) return;
		started = true;
		import(pkg + ".js").then(function (app) {
			return app.default({ module_or_path: pkg + ".wasm" }).then(function () {
				app.hydrate();
			});
		});
	}
	requestAnimationFrame(function () {
		setTimeout(start, 0);
	});
	setTimeout(start, 1000);
})
