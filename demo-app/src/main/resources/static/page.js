// The live page: starts runs through POST /runs, follows the run's Server-Sent Events and refreshes the effect
// rows and ticket artifacts once a second. Plain browser APIs only.
(function () {
	'use strict';

	const form = document.getElementById('run-form');
	const eventsList = document.getElementById('events');
	const runIdLabel = document.getElementById('run-id');
	const runStatus = document.getElementById('run-status');
	const formError = document.getElementById('form-error');
	const businessKey = document.getElementById('business-key');
	const runTrace = document.getElementById('run-trace');
	const traceIdLabel = document.getElementById('trace-id');
	const traceLink = document.getElementById('trace-link');
	let source = null;
	let submitter = null;

	function newBusinessKey() {
		businessKey.value = 'order-' + Date.now().toString(36);
	}

	function text(tag, value, className) {
		const element = document.createElement(tag);
		element.textContent = value === null || value === undefined ? '' : String(value);
		if (className) {
			element.className = className;
		}
		return element;
	}

	// the run's trace id (GET /runs/{id}, else the first event that has one) and, with sidefx.tracing.ui-url, a link
	function showTrace(traceId, traceUrl) {
		if (!traceId || (traceIdLabel.textContent && !traceUrl)) {
			return;
		}
		traceIdLabel.textContent = traceId;
		runTrace.hidden = false;
		if (traceUrl) {
			traceLink.href = traceUrl;
			traceLink.hidden = false;
		}
	}

	async function loadTrace(runId) {
		try {
			const response = await fetch('/runs/' + encodeURIComponent(runId));
			if (response.ok) {
				const run = await response.json();
				showTrace(run.trace_id, run.trace_url);
			}
		} catch (error) {
			// the trace id is a nicety; the events still show it
		}
	}

	function showEvent(event) {
		const item = document.createElement('li');
		item.dataset.type = event.type;
		item.appendChild(text('span', event.type, 'type'));
		const details = Object.assign({}, event);
		delete details.type;
		delete details.run_id;
		delete details.ts;
		delete details.trace_id;
		item.appendChild(text('code', JSON.stringify(details)));
		eventsList.appendChild(item);
		showTrace(event.trace_id, null);
		if (event.type === 'run.completed') {
			runStatus.textContent = 'completed';
		} else if (event.type === 'run.dlq') {
			runStatus.textContent = 'dlq';
		} else if (event.type === 'chaos.crash_now') {
			runStatus.textContent = 'worker crashed; waiting for redelivery';
		} else if (event.type !== 'sse.connected' && runStatus.textContent !== 'completed') {
			runStatus.textContent = 'running';
		}
	}

	function follow(runId) {
		if (source) {
			source.close();
		}
		eventsList.replaceChildren();
		runIdLabel.textContent = runId;
		runStatus.textContent = 'queued';
		traceIdLabel.textContent = '';
		traceLink.hidden = true;
		runTrace.hidden = true;
		source = new EventSource('/runs/' + encodeURIComponent(runId) + '/events?client_id=page');
		source.onmessage = function (message) {
			showEvent(JSON.parse(message.data));
		};
	}

	document.getElementById('start-run').addEventListener('click', function () { submitter = this; });
	document.getElementById('start-crash').addEventListener('click', function () { submitter = this; });

	form.addEventListener('submit', async function (e) {
		e.preventDefault();
		formError.hidden = true;
		const button = e.submitter || submitter;
		const mode = button ? button.dataset.mode : 'none';
		const body = {
			business_key: businessKey.value,
			amount: Number(document.getElementById('amount').value),
			fail_before_effect_n: mode === 'none' ? Number(document.getElementById('fail-before').value) : 0,
			fail_mode: mode,
			max_attempts: Number(document.getElementById('max-attempts').value)
		};
		try {
			const response = await fetch('/runs', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body)
			});
			const answer = await response.json();
			if (!response.ok) {
				formError.textContent = answer.detail || ('HTTP ' + response.status);
				formError.hidden = false;
				return;
			}
			follow(answer.run_id);
			loadTrace(answer.run_id);
			newBusinessKey();
		} catch (error) {
			formError.textContent = 'The API did not answer: ' + error;
			formError.hidden = false;
		}
	});

	async function refresh() {
		try {
			const effects = await (await fetch('/debug/side-effects?limit=20')).json();
			const rows = effects.items.map(function (effect) {
				const row = document.createElement('tr');
				row.dataset.businessKey = effect.business_key;
				row.dataset.status = effect.status;
				row.appendChild(text('td', effect.business_key));
				row.appendChild(text('td', effect.status, 'status-' + effect.status));
				row.appendChild(text('td', effect.attempts));
				row.appendChild(text('td', effect.artifact_path));
				row.appendChild(text('td', effect.effect_id));
				return row;
			});
			document.getElementById('effects').replaceChildren(...rows);
			document.getElementById('effects-count').textContent = effects.count;

			const artifacts = await (await fetch('/debug/artifacts')).json();
			const items = artifacts.items.map(function (artifact) {
				const item = text('li', artifact.name + ' (' + artifact.bytes + ' bytes)');
				item.dataset.name = artifact.name;
				return item;
			});
			document.getElementById('artifacts').replaceChildren(...items);
			document.getElementById('artifacts-count').textContent = artifacts.count;
		} catch (error) {
			// the API is restarting; the next refresh tries again
		}
	}

	newBusinessKey();
	refresh();
	setInterval(refresh, 1000);
})();
