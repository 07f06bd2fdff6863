// The dashboard: the models and jobs (refreshed every few seconds), the loss curve of the job
// followed (grown live from its event stream), and a form that starts a job from a stored dataset.

import { apiKey, describe, JobEvents, request } from './api.js';
import { LossChart } from './chart.js';
import { renderJobs, renderModels } from './tables.js';

const REFRESH_MS = 2000;
const JOBS_SHOWN = 20;
const $ = (id) => document.getElementById(id);

// followed: the job whose curve is drawn; pinned: chosen by a click, else the newest running job is followed
const state = { models: [], jobs: [], followed: null, pinned: false, events: null, timer: null, datasets: [] };
const chart = new LossChart($('chart'));

function showKeyPanel(message) {
  $('dashboard').hidden = true;
  $('key-state').hidden = true;
  $('key-panel').hidden = false;
  $('key-error').textContent = message || '';
  $('key-input').focus();
}

async function enter() {
  const answer = await request('GET', '/api/v1/models');
  if (answer.status === 401) {
    const refused = apiKey.get() !== null;
    apiKey.forget();
    showKeyPanel(refused ? 'The service refused this key.' : 'The service asks for a key.');
    return;
  }
  if (!answer.ok) {
    showKeyPanel(describe(answer));
    return;
  }
  $('key-panel').hidden = true;
  $('dashboard').hidden = false;
  $('key-state').hidden = false;
  $('key-label').textContent = apiKey.get() ? 'API key in use (this tab)' : 'no API key';
  state.models = answer.body;
  await refresh();
  await loadDatasets();
  state.timer = setInterval(refresh, REFRESH_MS);
}

async function refresh() {
  let models;
  let jobs;
  try {
    [models, jobs] = await Promise.all([request('GET', '/api/v1/models'), request('GET', '/api/v1/training-jobs')]);
  } catch (unreachable) {
    $('notice').textContent = 'The service does not answer; retrying.';
    return;
  }
  if (models.status === 401 || jobs.status === 401) {
    clearInterval(state.timer);
    showKeyPanel('The service refused this key.');
    return;
  }
  $('notice').textContent = models.ok && jobs.ok ? '' : describe(models.ok ? jobs : models);
  if (models.ok) {
    state.models = models.body;
  }
  if (jobs.ok) {
    state.jobs = jobs.body.slice().reverse().slice(0, JOBS_SHOWN);
  }
  const running = state.jobs.find((job) => job.status === 'RUNNING');
  const followed = state.jobs.find((job) => job.id === state.followed);
  const idle = !followed || ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(followed.status);
  if (state.followed === null || (!state.pinned && idle && running && running.id !== state.followed)) {
    const next = running ?? state.jobs[0];
    if (next) {
      follow(next.id);
    }
  }
  render();
}

function render() {
  renderModels($('models').tBodies[0], state.models);
  $('models-empty').hidden = state.models.length > 0;
  const names = new Map(state.models.map((model) => [model.id, model.name]));
  renderJobs($('jobs').tBodies[0], state.jobs, names, state.followed, (jobId) => {
    state.pinned = true;
    follow(jobId);
  });
  $('jobs-empty').hidden = state.jobs.length > 0;
  // rebuilt only when the models change, so that a list the user has open stays open
  const select = $('train-model');
  const options = state.models.map((model) => [model.id, model.name + ' (' + model.inputSize + ' features)']);
  if (select.dataset.options !== JSON.stringify(options)) {
    const chosen = select.value;
    select.replaceChildren(...options.map(([id, label]) => new Option(label, id)));
    select.dataset.options = JSON.stringify(options);
    if (chosen) {
      select.value = chosen;
    }
  }
}

/** Follows a job: its curve from the first epoch, then live, and its row updated at each event. */
function follow(jobId) {
  if (state.followed === jobId) {
    return;
  }
  if (state.events) {
    state.events.stop();
  }
  state.followed = jobId;
  chart.reset();
  $('chart-empty').hidden = true;
  $('chart-title').textContent = 'of job ' + jobId.slice(0, 8);
  state.events = new JobEvents(jobId, {
    epoch: (point) => {
      chart.add(point);
      const job = state.jobs.find((j) => j.id === jobId);
      // a warm-started job numbers its epochs on after its version's: it has done epoch - (firstEpoch - 1)
      const done = job ? point.epoch - ((job.firstEpoch || 1) - 1) : 0;
      if (job && done > job.epochsCompleted) {
        Object.assign(job, { epochsCompleted: done, progress: done / job.epochsPlanned,
          trainingLoss: point.trainingLoss, validationLoss: point.validationLoss });
        render();
      }
    },
    status: (job) => {
      const index = state.jobs.findIndex((j) => j.id === job.id);
      if (index >= 0) {
        state.jobs[index] = job;
        render();
      }
    },
    end: () => refresh(),
    failed: (message) => { $('notice').textContent = message; },
  }).start();
  render();
}

async function loadDatasets() {
  const answer = await request('GET', '/api/v1/datasets');
  state.datasets = answer.ok && Array.isArray(answer.body) ? answer.body : [];
  const none = state.datasets.length === 0;
  $('datasets-empty').hidden = !none;
  $('train-form').hidden = none;
  $('train-dataset').replaceChildren(...state.datasets.map((dataset) => new Option(dataset.name + ' ('
      + dataset.rows + ' rows)', dataset.id)));
}

function number(id) {
  const value = $(id).value;
  return value === '' ? undefined : Number(value);
}

async function startTraining(event) {
  event.preventDefault();
  const body = {
    datasetId: $('train-dataset').value,
    epochs: number('train-epochs'),
    batchSize: number('train-batch'),
    optimizer: $('train-optimizer').value,
    learningRate: number('train-rate'),
    validationSplit: number('train-split'),
  };
  const modelId = $('train-model').value;
  $('train-submit').disabled = true;
  try {
    const answer = await request('POST', '/api/v1/models/' + encodeURIComponent(modelId) + '/training-jobs', body);
    $('train-result').textContent = answer.ok ? 'Job ' + answer.body.id.slice(0, 8) + ' ' + answer.body.status
        .toLowerCase() : describe(answer);
    $('train-result').className = answer.ok ? '' : 'error';
    if (answer.ok) {
      state.pinned = false;
      follow(answer.body.id);
      await refresh();
    }
  } finally {
    $('train-submit').disabled = false;
  }
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  apiKey.set($('key-input').value.trim());
  $('key-input').value = '';
  enter();
});
$('no-key').addEventListener('click', () => {
  apiKey.useNone();
  enter();
});
$('forget-key').addEventListener('click', () => {
  apiKey.forget();
  clearInterval(state.timer);
  if (state.events) {
    state.events.stop();
  }
  showKeyPanel();
});
$('log-scale').addEventListener('change', (event) => chart.setLog(event.target.checked));
$('train-form').addEventListener('submit', startTraining);

if (apiKey.chosen()) {
  enter();
} else {
  showKeyPanel();
}
