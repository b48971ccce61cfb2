import { render } from 'preact';
import { OptionsApp } from './options-app';
import { browserOptionsApi } from './options-api';
import './style.css';

render(<OptionsApp api={browserOptionsApi} />, document.getElementById('app')!);
