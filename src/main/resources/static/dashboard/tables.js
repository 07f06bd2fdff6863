// The models and jobs tables, rebuilt from the service's answers. Rows carry data-model-id and
// data-job-id; cells carry a class per column, so the page can be read by people and by tests.

export function bytes(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return (unit === 0 ? size : size.toFixed(1)) + ' ' + units[unit];
}

function loss(value) {
  return value === null || value === undefined ? '—' : Number(value).toPrecision(4);
}

function duration(ms) {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) {
    return seconds + ' s';
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return minutes + ' min ' + (seconds % 60) + ' s';
  }
  return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
}

/** Time left of a running job, from its pace so far; early stopping may end it sooner. */
export function timeLeft(job, now) {
  if (job.status !== 'RUNNING' || !job.startedAt || job.epochsCompleted === 0) {
    return job.status === 'QUEUED' ? 'waiting' : '—';
  }
  const elapsed = now - Date.parse(job.startedAt);
  const left = elapsed / job.epochsCompleted * (job.epochsPlanned - job.epochsCompleted);
  return left > 0 ? duration(left) : '—';
}

function cell(row, className, content) {
  const td = row.insertCell();
  td.className = className;
  if (content instanceof Node) {
    td.append(content);
  } else {
    td.textContent = content;
  }
  return td;
}

function badge(status) {
  const span = document.createElement('span');
  span.className = 'badge ' + status;
  span.textContent = status;
  return span;
}

export function renderModels(tbody, models) {
  tbody.replaceChildren();
  for (const model of models) {
    const row = tbody.insertRow();
    row.dataset.modelId = model.id;
    cell(row, 'name', model.name);
    cell(row, 'status', badge(model.status));
    cell(row, 'serving', model.servingVersion === null ? '—' : 'v' + model.servingVersion);
    cell(row, 'versions number', String(model.latestVersion));
    cell(row, 'parameters number', model.parameterCount.toLocaleString('en'));
    cell(row, 'weights number', bytes(model.weightsBytes));
    cell(row, 'loss number', model.metrics ? loss(model.metrics.validationLoss ?? model.metrics.trainingLoss) : '—');
  }
}

function progress(job) {
  const wrapper = document.createElement('div');
  wrapper.className = 'progress';
  const bar = document.createElement('progress');
  bar.max = 1;
  bar.value = job.progress;
  const label = document.createElement('span');
  label.textContent = Math.round(job.progress * 100) + '%';
  wrapper.append(bar, label);
  return wrapper;
}

export function renderJobs(tbody, jobs, modelNames, selected, onSelect) {
  tbody.replaceChildren();
  const now = Date.now();
  for (const job of jobs) {
    const row = tbody.insertRow();
    row.dataset.jobId = job.id;
    if (job.id === selected) {
      row.classList.add('selected');
    }
    row.addEventListener('click', () => onSelect(job.id));
    cell(row, 'job', job.id.slice(0, 8)).title = job.id;
    cell(row, 'model', modelNames.get(job.modelId) ?? job.modelId.slice(0, 8));
    cell(row, 'status', badge(job.status));
    cell(row, 'progress', progress(job));
    cell(row, 'epochs number', job.epochsCompleted + ' / ' + job.epochsPlanned);
    cell(row, 'left', timeLeft(job, now));
    cell(row, 'loss number', loss(job.validationLoss ?? job.trainingLoss));
    cell(row, 'memory number', bytes(job.estimatedMemoryBytes));
  }
}
