// The loss curve of one job: training and validation loss per epoch, drawn by uPlot (served from
// its webjar), on a linear or a log scale. The number of epochs drawn is kept in data-points.

const COLORS = { training: '#0b69c7', validation: '#d9480f' };

export class LossChart {
  #element;
  #data = [[], [], []];
  #log = false;
  #plot = null;

  constructor(element) {
    this.#element = element;
    window.addEventListener('resize', () => this.#plot && this.#plot.setSize(this.#size()));
  }

  /** Starts an empty curve. */
  reset() {
    this.#data = [[], [], []];
    this.#build();
  }

  /** Adds one epoch's point ({epoch, trainingLoss, validationLoss}). */
  add(point) {
    const [epochs, training, validation] = this.#data;
    if (epochs.length > 0 && point.epoch <= epochs[epochs.length - 1]) {
      return;
    }
    epochs.push(point.epoch);
    training.push(point.trainingLoss);
    validation.push(point.validationLoss ?? null);
    this.#plot.setData(this.#data);
    this.#element.dataset.points = String(epochs.length);
  }

  setLog(log) {
    this.#log = log;
    this.#build();
  }

  get points() {
    return this.#data[0].length;
  }

  #size() {
    return { width: Math.max(320, this.#element.clientWidth), height: 300 };
  }

  #build() {
    if (this.#plot) {
      this.#plot.destroy();
    }
    const options = {
      ...this.#size(),
      scales: { x: { time: false }, y: this.#log ? { distr: 3, log: 10 } : { distr: 1 } },
      // epochs are whole numbers: no tick between two of them
      axes: [{ label: 'epoch', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 100000] },
        { label: this.#log ? 'loss (log scale)' : 'loss', size: 60 }],
      series: [
        { label: 'epoch' },
        { label: 'training loss', stroke: COLORS.training, width: 2, spanGaps: true },
        { label: 'validation loss', stroke: COLORS.validation, width: 2, spanGaps: true },
      ],
    };
    this.#plot = new uPlot(options, this.#data, this.#element);
    this.#element.dataset.points = String(this.#data[0].length);
  }
}
