import './app/page.css';
import './app/digit-lens-app.js';
