// The summaries feature's public face: the app's route gives it the consultation and the reader.
export { SummaryPage } from './components/summary-page';
