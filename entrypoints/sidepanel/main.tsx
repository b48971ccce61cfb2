import { render } from 'preact';
render(<p>售后哨兵</p>, document.getElementById('app')!);
