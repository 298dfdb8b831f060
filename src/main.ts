import './app/digit-lens-app.js';
