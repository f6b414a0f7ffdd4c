import { render } from 'preact';
import { App } from '../../components/App';
import '../../components/base.css';
import '../../components/popup.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
