/**
 * uPlot and its stylesheet, loaded only when a chart is drawn (a chunk of its own): it touches
 * `matchMedia` as it loads, which only a real browser has. The stylesheet comes through Vite as a
 * file of the app ('self' in the CSP); uPlot itself only sets element.style properties.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export default uPlot;
