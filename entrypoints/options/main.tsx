import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import '../../components/base.css';
import '../../components/forms.css';
import '../../components/options.css';

const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
