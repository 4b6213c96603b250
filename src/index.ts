// The public API of grulab: re-exports only. Notebooks, the CLI and tests import from here.
export type { Figure } from "./charts/figure";
export { lossCurves } from "./charts/lossCurves";
export { escapeHtml } from "./export/escapeHtml";
export { figureToHtml, scriptJson } from "./export/figureToHtml";
export { plotlyBundle } from "./export/plotlyBundle";
export { writeFileAtomic } from "./io/writeFileAtomic";
export { tslabSink } from "./notebook/displaySink";
export type { DisplaySink, MimeBundle } from "./notebook/displaySink";
export { figureMimeBundle } from "./notebook/figureMimeBundle";
export { liveChart } from "./notebook/liveChart";
export type { LiveChart } from "./notebook/liveChart";
export { loadPlotly, plotlyLoaderHtml, PLOTLY_READY_EVENT } from "./notebook/loadPlotly";
export { showFigure } from "./notebook/showFigure";
export type { HistoryRow } from "./training/historyRow";
export type { GruSequenceFn, GruSequenceInputs, GruSequenceOptions, GruSequenceOutputs } from "./models/gruSequence";
