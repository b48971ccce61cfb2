import { render } from 'preact';
render(<p>售后哨兵 设置</p>, document.getElementById('app')!);
